//! wrk's Lua scripts: requests that change from one to the next (a method, headers, a body).

use std::fmt::Write as _;

use crate::dataset::{self, BUSY_KEY, DELETE_KEY, EDIT_POSTS, LINKEDIN_ACCOUNTS, WEEK, WEEK_POSTS};

/// A Lua string literal.
fn lua(text: &str) -> String {
    format!("{text:?}")
}

fn headers(key: &str, json: bool) -> String {
    let content = if json {
        r#", ["Content-Type"] = "application/json""#
    } else {
        ""
    };
    format!(r#"{{ ["embed-api-key"] = {}{content} }}"#, lua(key))
}

/// The Lua table of the draft bodies, one per LinkedIn account.
fn bodies() -> String {
    let bodies: Vec<String> = LINKEDIN_ACCOUNTS
        .iter()
        .map(|account| lua(&dataset::draft_body(account)))
        .collect();
    format!("{{ {} }}", bodies.join(", "))
}

/// The `GET /schedule` path for the bench's week.
pub fn week_path() -> String {
    format!("/schedule?fromDate={}&toDate={}", WEEK.0, WEEK.1)
}

/// `POST /schedule` of a draft, the accounts in turn.
pub fn create() -> String {
    format!(
        "local bodies = {}\nlocal headers = {}\nlocal n = 0\nrequest = function()\n  n = n + 1\n  return wrk.format(\"POST\", \"/schedule\", headers, bodies[(n % #bodies) + 1])\nend\n",
        bodies(),
        headers(BUSY_KEY, true)
    )
}

/// `PUT /schedule/:id` over the bench's drafts in turn, each replaced whole.
pub fn replace() -> String {
    format!(
        "local bodies = {}\nlocal headers = {}\nlocal n = 0\nrequest = function()\n  n = n + 1\n  return wrk.format(\"PUT\", \"/schedule/edit_p\" .. (n % {EDIT_POSTS}), headers, bodies[(n % #bodies) + 1])\nend\n",
        bodies(),
        headers(BUSY_KEY, true)
    )
}

/// `GET /schedule/:id` over the week's posts in turn.
pub fn read_post() -> String {
    format!(
        "local headers = {}\nlocal n = 0\nrequest = function()\n  n = n + 1\n  return wrk.format(\"GET\", \"/schedule/week_p\" .. (n % {WEEK_POSTS}), headers)\nend\n",
        headers(BUSY_KEY, false)
    )
}

/// `POST /operator/v1/workspaces/ws_connect/social-accounts` with an operator key: each a new
/// platform account (201), or with `cycle`, the first `cycle` ones again in turn (reconnects,
/// 200: run after the new ones).
pub fn connect(operator_key: &str, cycle: Option<usize>) -> String {
    let next = cycle.map_or_else(|| "n".to_owned(), |c| format!("(n % {c})"));
    format!(
        r#"local headers = {{ ["Authorization"] = {bearer}, ["Content-Type"] = "application/json" }}
local n = -1
request = function()
  n = n + 1
  local body = '{{"platformType":"linkedin","accountType":"personal","accountHandle":"h' .. n .. '","accountName":"Bench","externalId":"urn:li:person:' .. {next} .. '","accessToken":"bench-access-' .. n .. '","refreshToken":"bench-refresh","tokenExpiresAt":"2030-01-01T00:00:00Z"}}'
  return wrk.format("POST", {path}, headers, body)
end
"#,
        bearer = lua(&format!("Bearer {operator_key}")),
        path = lua(&format!(
            "/operator/v1/workspaces/{}/social-accounts",
            dataset::CONNECT_WORKSPACE
        )),
    )
}

/// `DELETE /social-account/:id` of a fresh account each request, from `del0` upwards.
pub fn delete() -> String {
    delete_from(0)
}

/// As [`delete`], from `del{first}` upwards.
pub fn delete_from(first: usize) -> String {
    format!(
        "local headers = {}\nlocal i = {}\nrequest = function()\n  i = i + 1\n  return wrk.format(\"DELETE\", \"/social-account/del\" .. i, headers)\nend\n",
        headers(DELETE_KEY, false),
        i64::try_from(first).unwrap_or(0) - 1
    )
}

/// The mixed workload: 80 % reads (a fifth each: an account, the account list, a post, the
/// week's list), 20 % writes (8 % `POST /schedule`, 8 % `PUT /schedule/:id`, 4 % account
/// deletes of the accounts `mix{first_delete}` upwards). With `delay_ms`, each connection
/// waits that long on average after each answer: a paced run.
pub fn mixed(first_delete: usize, delay_ms: Option<f64>) -> String {
    let mut script = format!(
        "math.randomseed(20261127)\nlocal bodies = {}\nlocal busy = {}\nlocal busy_json = {}\nlocal del = {}\nlocal week = {}\nlocal n = 0\nlocal d = {first_delete}\n",
        bodies(),
        headers(BUSY_KEY, false),
        headers(BUSY_KEY, true),
        headers(DELETE_KEY, false),
        lua(&week_path()),
    );
    let _ = write!(
        script,
        r#"request = function()
  n = n + 1
  local r = math.random(100)
  if r <= 20 then return wrk.format("GET", "/social-account/{account}", busy)
  elseif r <= 40 then return wrk.format("GET", "/social-account", busy)
  elseif r <= 60 then return wrk.format("GET", "/schedule/week_p" .. (n % {WEEK_POSTS}), busy)
  elseif r <= 80 then return wrk.format("GET", week, busy)
  elseif r <= 88 then return wrk.format("POST", "/schedule", busy_json, bodies[(n % #bodies) + 1])
  elseif r <= 96 then return wrk.format("PUT", "/schedule/edit_p" .. (n % {EDIT_POSTS}), busy_json, bodies[(n % #bodies) + 1])
  else d = d + 1; return wrk.format("DELETE", "/social-account/mix" .. (d - 1), del) end
end
"#,
        account = dataset::busy_account(),
    );
    // The pause is drawn uniformly from [0, 2 × delay]: with one fixed pause the connections,
    // started together, stay in step, so requests arrive in bursts of one per connection and
    // the p99 measures the queue of a burst (PostgreSQL at 160 req/s: p99 31-96 ms with a
    // fixed pause, 5 ms with drawn ones, the mean rate the same).
    if let Some(delay) = delay_ms {
        let _ = writeln!(
            script,
            "delay = function() return math.random() * {:.3} end",
            2.0 * delay
        );
    }
    script
}
