//! An import file read as a stream, so an import's memory is bounded by a chunk of posts, not
//! by the file.
//!
//! An import reads its file twice. The first pass ([`ImportStream::scan`]) checks the whole
//! file exactly as [`ImportBatch::from_json`] does, keeps every record but the scheduled posts
//! (organizations, workspaces, keys, accounts and designs are few), and counts the posts and
//! links. The second pass ([`StreamedPosts`], a [`PostSource`]) parses the posts again and hands
//! them to the storage a chunk at a time, inside its transaction. Nothing is written unless
//! the first pass found the whole file valid, and neither pass ever holds the file's text or
//! more than one chunk of posts.
//!
//! Errors come in the order of [`ImportBatch::from_json`]: a syntax error, a wrong type or an
//! unknown field anywhere first, then the first invalid record, section by section.

use std::io::Read;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::file::ScheduledPostRecord;
use super::validate::At;
use super::{ImportBatch, ImportError, ImportFile, ImportReport, NewScheduledPost};
use crate::{Platforms, Timestamp};

/// What a [`PostSource`] hands each chunk to: `(index in the file of the chunk's first post,
/// the chunk)`.
pub type PostSink<'a> = dyn FnMut(usize, &[NewScheduledPost]) -> Result<(), ImportError> + 'a;

/// Where an import's scheduled posts come from, a chunk at a time and in file order.
pub trait PostSource {
    /// Calls `sink(first, chunk)` for consecutive chunks of at most `chunk_len` posts, where
    /// `first` is the index in the file of the chunk's first post. Stops at the first error,
    /// the sink's or the source's own.
    ///
    /// # Errors
    ///
    /// The sink's error, or why the source could not deliver a post.
    fn for_each_chunk(
        &mut self,
        chunk_len: usize,
        sink: &mut PostSink<'_>,
    ) -> Result<(), ImportError>;
}

/// Posts already in memory (an [`ImportBatch`]'s).
impl PostSource for &[NewScheduledPost] {
    fn for_each_chunk(
        &mut self,
        chunk_len: usize,
        sink: &mut PostSink<'_>,
    ) -> Result<(), ImportError> {
        for (i, chunk) in self.chunks(chunk_len.max(1)).enumerate() {
            sink(i * chunk_len.max(1), chunk)?;
        }
        Ok(())
    }
}

/// An import file checked by a first streaming pass: every record but the posts, and the
/// posts, which a second pass delivers.
///
/// `open` opens the file afresh for each pass (a `BufReader` over it is best).
///
/// # Examples
///
/// ```
/// use social_accounts_domain::import::{ImportStream, PostSource};
/// use social_accounts_domain::{Platforms, Timestamp};
///
/// let file = br#"{
///   "scheduledPosts": [
///     { "id": "post_1", "workspaceId": "ws_1", "status": "DRAFT" },
///     { "id": "post_2", "workspaceId": "ws_1", "status": "DRAFT" },
///     { "id": "post_3", "workspaceId": "ws_1", "status": "DRAFT" }
///   ]
/// }"#;
/// let open = || Ok::<_, std::io::Error>(&file[..]);
/// let mut stream = ImportStream::scan(open, Timestamp::now(), &Platforms::default())?;
/// assert_eq!(stream.report().scheduled_posts, 3);
/// assert!(stream.head.scheduled_posts.is_empty()); // posts are never held all at once
///
/// let mut chunks = Vec::new();
/// stream.posts.for_each_chunk(2, &mut |first, posts| {
///     chunks.push((first, posts.len()));
///     Ok(())
/// })?;
/// assert_eq!(chunks, [(0, 2), (2, 1)]);
/// # Ok::<(), social_accounts_domain::import::ImportError>(())
/// ```
#[derive(Debug)]
pub struct ImportStream<O> {
    /// Every record but the posts, validated; its `scheduled_posts` is empty.
    pub head: ImportBatch,
    /// The posts, for the second pass.
    pub posts: StreamedPosts<O>,
}

/// The scheduled posts of a scanned file, read again a chunk at a time.
pub struct StreamedPosts<O> {
    open: O,
    now: Timestamp,
    platforms: Platforms,
    report: ImportReport,
}

impl<O> std::fmt::Debug for StreamedPosts<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamedPosts")
            .field("now", &self.now)
            .field("report", &self.report)
            .finish_non_exhaustive()
    }
}

impl<O, R> ImportStream<O>
where
    O: FnMut() -> std::io::Result<R>,
    R: Read,
{
    /// The first pass: checks the whole file, keeps everything but its posts.
    ///
    /// # Errors
    ///
    /// The file's first error, named as [`ImportBatch::from_json`] names it, or why it could
    /// not be opened.
    pub fn scan(mut open: O, now: Timestamp, platforms: &Platforms) -> Result<Self, ImportError> {
        let mut scan = Scan::default();
        let reader = open_file(&mut open)?;
        read(reader, &mut Pass::Scan(&mut scan), now, platforms)?;
        let head = scan.file.validate(now, platforms)?;
        if let Some(error) = scan.first_bad_post {
            return Err(error);
        }
        let report = ImportReport {
            scheduled_posts: scan.posts,
            links: scan.links,
            ..head.report()
        };
        Ok(Self {
            head,
            posts: StreamedPosts {
                open,
                now,
                platforms: platforms.clone(),
                report,
            },
        })
    }

    /// What importing the whole file writes, posts and links included.
    #[must_use]
    pub fn report(&self) -> ImportReport {
        self.posts.report
    }
}

impl<O, R> PostSource for StreamedPosts<O>
where
    O: FnMut() -> std::io::Result<R>,
    R: Read,
{
    /// The second pass. A file changed since the first pass is an error, as is any record the
    /// first pass did not see.
    fn for_each_chunk(
        &mut self,
        chunk_len: usize,
        sink: &mut PostSink<'_>,
    ) -> Result<(), ImportError> {
        let reader = open_file(&mut self.open)?;
        let mut chunks = Chunks {
            chunk_len: chunk_len.max(1),
            sink,
            delivered: 0,
        };
        read(
            reader,
            &mut Pass::Posts(&mut chunks),
            self.now,
            &self.platforms,
        )?;
        if chunks.delivered == self.report.scheduled_posts {
            Ok(())
        } else {
            Err(ImportError {
                at: ".".into(),
                message: "the file changed while it was being imported".into(),
            })
        }
    }
}

fn open_file<R>(open: &mut impl FnMut() -> std::io::Result<R>) -> Result<R, ImportError> {
    open().map_err(|e| ImportError {
        at: ".".into(),
        message: format!("cannot read the file: {e}"),
    })
}

/// What the first pass gathers.
#[derive(Default)]
struct Scan {
    file: ImportFile,
    posts: usize,
    links: usize,
    first_bad_post: Option<ImportError>,
}

/// What the second pass does with the posts.
struct Chunks<'s> {
    chunk_len: usize,
    sink: &'s mut PostSink<'s>,
    delivered: usize,
}

enum Pass<'p, 's> {
    /// Everything read into memory ([`ImportFile::from_json`]).
    Collect(&'p mut ImportFile),
    /// The first pass.
    Scan(&'p mut Scan),
    /// The second pass.
    Posts(&'p mut Chunks<'s>),
}

/// The whole file read into memory, with the parser of the streaming passes.
pub(super) fn collect(reader: impl Read) -> Result<ImportFile, ImportError> {
    let mut file = ImportFile::default();
    // `now` and the platforms only serve the validation of posts, which collecting skips.
    read(
        reader,
        &mut Pass::Collect(&mut file),
        Timestamp::from_naive_utc(chrono::NaiveDateTime::default()),
        &Platforms::all(),
    )?;
    Ok(file)
}

/// Parses the file once, in `pass`'s way.
fn read(
    reader: impl Read,
    pass: &mut Pass<'_, '_>,
    now: Timestamp,
    platforms: &Platforms,
) -> Result<(), ImportError> {
    let mut stopped = None;
    let mut json = serde_json::Deserializer::from_reader(reader);
    let mut track = serde_path_to_error::Track::new();
    let root = Root {
        pass,
        now,
        platforms,
        stopped: &mut stopped,
    };
    let parsed = root
        .deserialize(serde_path_to_error::Deserializer::new(
            &mut json, &mut track,
        ))
        .and_then(|()| json.end());
    match (parsed, stopped) {
        (_, Some(error)) => Err(error),
        (Ok(()), None) => Ok(()),
        (Err(error), None) => Err(ImportError {
            at: track.path().to_string(),
            message: error.to_string(),
        }),
    }
}

/// The sections of the file, as its keys name them.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(field_identifier, rename_all = "camelCase")]
enum Section {
    Organizations,
    Workspaces,
    ApiKeys,
    SocialAccounts,
    Designs,
    ScheduledPosts,
}

impl Section {
    const NAMES: [&'static str; 6] = [
        "organizations",
        "workspaces",
        "apiKeys",
        "socialAccounts",
        "designs",
        "scheduledPosts",
    ];
}

struct Root<'r, 'p, 's> {
    pass: &'r mut Pass<'p, 's>,
    now: Timestamp,
    platforms: &'r Platforms,
    stopped: &'r mut Option<ImportError>,
}

impl<'de> DeserializeSeed<'de> for Root<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Root<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("struct ImportFile")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = [false; Section::NAMES.len()];
        while let Some(section) = map.next_key::<Section>()? {
            let slot = &mut seen[section as usize];
            if std::mem::replace(slot, true) {
                return Err(de::Error::duplicate_field(Section::NAMES[section as usize]));
            }
            if section == Section::ScheduledPosts {
                map.next_value_seed(Posts {
                    pass: &mut *self.pass,
                    now: self.now,
                    platforms: self.platforms,
                    stopped: &mut *self.stopped,
                })?;
                continue;
            }
            let file = match &mut *self.pass {
                Pass::Collect(file) => &mut **file,
                Pass::Scan(scan) => &mut scan.file,
                Pass::Posts(_) => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            match section {
                Section::Organizations => file.organizations = map.next_value()?,
                Section::Workspaces => file.workspaces = map.next_value()?,
                Section::ApiKeys => file.api_keys = map.next_value()?,
                Section::SocialAccounts => file.social_accounts = map.next_value()?,
                Section::Designs => file.designs = map.next_value()?,
                Section::ScheduledPosts => {}
            }
        }
        Ok(())
    }
}

/// The `scheduledPosts` array, one record at a time.
struct Posts<'r, 'p, 's> {
    pass: &'r mut Pass<'p, 's>,
    now: Timestamp,
    platforms: &'r Platforms,
    stopped: &'r mut Option<ImportError>,
}

impl<'de> DeserializeSeed<'de> for Posts<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Posts<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut chunk = Vec::new();
        let mut index = 0;
        while let Some(record) = seq.next_element::<ScheduledPostRecord>()? {
            let at = At {
                section: "scheduledPosts",
                index,
            };
            index += 1;
            match &mut *self.pass {
                Pass::Collect(file) => file.scheduled_posts.push(record),
                // Parsing goes on after a bad post, so a syntax error later in the file is
                // still the one reported, as `ImportBatch::from_json` reports it.
                Pass::Scan(scan) => {
                    scan.posts += 1;
                    if scan.first_bad_post.is_none() {
                        match record.validate(&at, self.now, self.platforms) {
                            Ok(post) => scan.links += post.links.len(),
                            Err(error) => scan.first_bad_post = Some(error),
                        }
                    }
                }
                Pass::Posts(chunks) => {
                    let post = record
                        .validate(&at, self.now, self.platforms)
                        .map_err(|error| stop(self.stopped, error))?;
                    chunk.push(post);
                    if chunk.len() == chunks.chunk_len {
                        chunks
                            .deliver(index - chunk.len(), &mut chunk)
                            .map_err(|error| stop(self.stopped, error))?;
                    }
                }
            }
        }
        if let Pass::Posts(chunks) = &mut *self.pass
            && !chunk.is_empty()
        {
            chunks
                .deliver(index - chunk.len(), &mut chunk)
                .map_err(|error| stop(self.stopped, error))?;
        }
        Ok(())
    }
}

impl Chunks<'_> {
    fn deliver(
        &mut self,
        first: usize,
        chunk: &mut Vec<NewScheduledPost>,
    ) -> Result<(), ImportError> {
        (self.sink)(first, chunk)?;
        self.delivered += chunk.len();
        chunk.clear();
        Ok(())
    }
}

/// Parks a sink's or a record's error where [`read`] finds it, and stops the parser.
fn stop<E: de::Error>(slot: &mut Option<ImportError>, error: ImportError) -> E {
    *slot = Some(error);
    E::custom("import stopped")
}
