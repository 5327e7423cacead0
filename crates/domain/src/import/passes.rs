//! The one parser of an import file, and the three ways it reads one (the passes): into
//! memory whole ([`collect`]), checking everything but keeping the posts out
//! ([`Pass::Scan`], the stream's first pass), and delivering the posts a chunk at a time
//! ([`Pass::Posts`], its second). All three name errors alike, so the in-memory and streamed
//! imports agree on every message (`stream_tests`).

use std::io::Read;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::file::ScheduledPostRecord;
use super::stream::PostSink;
use super::validate::At;
use super::{ImportError, ImportFile, NewScheduledPost};
use crate::{Platforms, Timestamp};

/// What the first pass gathers.
#[derive(Default)]
pub(super) struct Scan {
    pub(super) file: ImportFile,
    pub(super) posts: usize,
    pub(super) links: usize,
    pub(super) first_bad_post: Option<ImportError>,
}

/// What the second pass does with the posts.
pub(super) struct Chunks<'s> {
    pub(super) chunk_len: usize,
    pub(super) sink: &'s mut PostSink<'s>,
    pub(super) delivered: usize,
}

pub(super) enum Pass<'p, 's> {
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
pub(super) fn read(
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
