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

use super::passes::{Chunks, Pass, Scan, read};
use super::{ImportBatch, ImportError, ImportReport, NewScheduledPost};
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
                platforms: *platforms,
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
