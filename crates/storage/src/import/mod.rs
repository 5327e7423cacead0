//! The operator's import: one transaction, all or nothing, errors naming record and field.
//!
//! Every section is written in multi-row `INSERT`s of [`ROWS_PER_INSERT`] rows. Before a batch
//! is written, its records are checked against the database in a few queries (which ids exist
//! already, which workspaces and accounts they refer to), record by record in file order, so
//! the first bad record is still the one named, as it was when each row was its own `INSERT`.
//! Posts come from a [`PostSource`] a chunk at a time, so the import holds one chunk of them.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use social_accounts_domain::import::{ImportBatch, ImportError, ImportReport, PostSource};
use social_accounts_domain::repository::{ImportProgress, ImportRepository};
use social_accounts_domain::{RepoError, Timestamp};

use crate::errors::{Stop, from_diesel};
use crate::schema::workspaces;
use crate::{DbConnection, Store};

mod head;
mod posts;

pub(crate) use crate::posts::ROWS_PER_INSERT;

/// Ids per `IN (…)` list of the checks.
const IDS_PER_QUERY: usize = 1000;

impl From<Stop<ImportError>> for ImportError {
    fn from(failure: Stop<ImportError>) -> Self {
        match failure {
            Stop::Refused(error) => error,
            Stop::Repo(error) => ImportError {
                at: ".".into(),
                message: error.to_string(),
            },
        }
    }
}

fn bad(section: &str, index: usize, field: &str, message: impl Into<String>) -> Stop<ImportError> {
    Stop::Refused(ImportError::field(section, index, field, message))
}

/// Which of `ids` (a slice of values of `column`) are stored in `table`, in queries of
/// [`IDS_PER_QUERY`] ids.
macro_rules! stored {
    ($conn:expr, $table:expr, $column:expr, $ids:expr) => {{
        let mut found = std::collections::HashSet::new();
        for ids in $ids.chunks(IDS_PER_QUERY) {
            let rows: Vec<_> = $table
                .filter($column.eq_any(ids))
                .select($column)
                .load(&mut *$conn)
                .map_err(from_diesel)?;
            found.extend(rows);
        }
        found
    }};
}
use stored;

/// The ids of one section seen so far: stored before the import, or earlier in the file.
struct Seen<'a> {
    stored: HashSet<String>,
    in_file: HashSet<&'a str>,
}

impl<'a> Seen<'a> {
    /// `true` the first time `id` is offered, unless it was stored before.
    fn is_new(&mut self, id: &'a str) -> bool {
        !self.stored.contains(id) && self.in_file.insert(id)
    }
}

/// What the import knows about workspaces: id → organization id.
struct Workspaces(HashMap<String, String>);

impl Workspaces {
    fn organization_of(
        &mut self,
        conn: &mut DbConnection,
        workspace: &str,
    ) -> Result<Option<String>, RepoError> {
        if let Some(org) = self.0.get(workspace) {
            return Ok(Some(org.clone()));
        }
        let org: Option<String> = workspaces::table
            .find(workspace)
            .select(workspaces::organization_id)
            .first(conn)
            .optional()
            .map_err(from_diesel)?;
        if let Some(org) = &org {
            self.0.insert(workspace.to_owned(), org.clone());
        }
        Ok(org)
    }

    /// An error at `section[index].workspaceId` unless the workspace exists.
    fn organization(
        &mut self,
        conn: &mut DbConnection,
        (section, index): (&str, usize),
        workspace: &str,
    ) -> Result<String, Stop<ImportError>> {
        self.organization_of(conn, workspace)?.ok_or_else(|| {
            let message = format!("no workspace {workspace:?} in this file or the database");
            bad(section, index, "workspaceId", message)
        })
    }
}

/// State carried from section to section of one import.
struct Import<'a, 'p> {
    batch: &'a ImportBatch,
    now: NaiveDateTime,
    report: ImportReport,
    workspaces: Workspaces,
    /// Design id → workspace id, for designs used by posts.
    design_workspace: HashMap<String, String>,
    /// Account id → workspace id, for accounts linked by posts.
    account_workspace: HashMap<String, String>,
    progress: &'p mut dyn FnMut(ImportProgress),
}

impl Import<'_, '_> {
    fn progress(&mut self, section: &'static str, written: usize) {
        (self.progress)(ImportProgress { section, written });
    }
}

fn write(
    conn: &mut DbConnection,
    store: &Store,
    head: &ImportBatch,
    posts: &mut dyn PostSource,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportReport, Stop<ImportError>> {
    let mut import = Import {
        batch: head,
        now: Timestamp::now().naive_utc(),
        report: ImportReport::default(),
        workspaces: Workspaces(HashMap::new()),
        design_workspace: HashMap::new(),
        account_workspace: HashMap::new(),
        progress,
    };
    import.organizations(conn)?;
    import.workspaces(conn)?;
    import.api_keys(conn)?;
    import.social_accounts(conn, store.cipher()?)?;
    import.designs(conn)?;
    import.scheduled_posts(conn, posts)?;
    Ok(import.report)
}

impl ImportRepository for Store {
    fn import_from(
        &self,
        head: &ImportBatch,
        posts: &mut dyn PostSource,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportReport, ImportError> {
        self.write(|conn| write(conn, self, head, posts, progress))
            .map_err(ImportError::from)
    }
}
