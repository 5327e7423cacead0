//! A webhook receiver on loopback: records every request (headers and body) and answers as
//! scripted (a status, a redirect, or a pause longer than the sender's timeout), 200 once the
//! script runs out. One request per connection (`Connection: close`).

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One scripted answer.
#[derive(Debug, Clone, Copy)]
pub enum Reply {
    Status(u16),
    /// 302 to another path: a redirect the sender must not follow.
    Redirect,
    /// Answers 200 only after this long.
    Pause(Duration),
}

/// A request as received.
#[derive(Debug, Clone)]
pub struct Received {
    /// Lower-cased names.
    pub headers: HashMap<String, String>,
    pub path: String,
    pub body: String,
}

impl Received {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

#[derive(Default)]
struct Shared {
    script: VecDeque<Reply>,
    received: Vec<Received>,
}

/// The receiver; it listens until the test ends.
pub struct Receiver {
    pub addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
}

impl Receiver {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let state = shared.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let state = state.clone();
                std::thread::spawn(move || serve(stream, &state));
            }
        });
        Self { addr, shared }
    }

    /// `http://ADDR/hook`.
    pub fn url(&self) -> String {
        format!("http://{}/hook", self.addr)
    }

    /// The next requests are answered with `replies`, in order.
    pub fn script(&self, replies: &[Reply]) {
        self.shared
            .lock()
            .unwrap()
            .script
            .extend(replies.iter().copied());
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.lock().unwrap().received.clone()
    }

    /// Waits up to `within` until `count` requests came; what came.
    pub fn wait_for(&self, count: usize, within: Duration) -> Vec<Received> {
        let start = Instant::now();
        while self.received().len() < count && start.elapsed() < within {
            std::thread::sleep(Duration::from_millis(20));
        }
        self.received()
    }
}

fn serve(stream: TcpStream, shared: &Mutex<Shared>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let path = first.split(' ').nth(1).unwrap_or_default().to_owned();
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.trim_end().split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let reply = {
        let mut shared = shared.lock().unwrap();
        shared.received.push(Received {
            headers,
            path,
            body: String::from_utf8_lossy(&body).into_owned(),
        });
        shared.script.pop_front().unwrap_or(Reply::Status(200))
    };
    let answer = match reply {
        Reply::Status(status) => format!("HTTP/1.1 {status} Scripted\r\n"),
        Reply::Redirect => "HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\n".to_owned(),
        Reply::Pause(pause) => {
            std::thread::sleep(pause);
            "HTTP/1.1 200 OK\r\n".to_owned()
        }
    };
    let mut stream = stream;
    let _ = stream.write_all(
        format!("{answer}Content-Length: 8\r\nConnection: close\r\n\r\nreceived").as_bytes(),
    );
}
