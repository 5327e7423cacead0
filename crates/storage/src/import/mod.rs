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
use social_accounts_domain::{
    Actor, AuditAction, AuditEventId, NewAuditEvent, OrganizationId, RepoError, Target, Timestamp,
};

use crate::errors::{Stop, from_diesel};
use crate::schema::workspaces;
use crate::{DbConnection, Store, audit};

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
    actor: &Actor,
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
    audit::record(
        conn,
        &import.completed(actor),
        Timestamp::from_naive_utc(import.now),
    )?;
    Ok(import.report)
}

impl Import<'_, '_> {
    /// The import's one audit event, with its counts. It belongs to the one organization its
    /// records belong to; a file of several organizations' records (or none) is an
    /// instance-wide event.
    fn completed(&self, actor: &Actor) -> NewAuditEvent {
        let mut organizations: Vec<&str> = self
            .batch
            .organizations
            .iter()
            .map(|org| org.id.as_str())
            .chain(
                self.batch
                    .workspaces
                    .iter()
                    .map(|ws| ws.organization_id.as_str()),
            )
            .chain(
                self.batch
                    .api_keys
                    .iter()
                    .map(|key| key.organization_id.as_str()),
            )
            .chain(self.workspaces.0.values().map(String::as_str))
            .collect();
        organizations.sort_unstable();
        organizations.dedup();
        let organization_id = match organizations.as_slice() {
            [one] => OrganizationId::parse(one).ok(),
            _ => None,
        };
        let report = self.report;
        let counts = [
            ("organizations", report.organizations),
            ("workspaces", report.workspaces),
            ("apiKeys", report.api_keys),
            ("socialAccounts", report.social_accounts),
            ("designs", report.designs),
            ("scheduledPosts", report.scheduled_posts),
            ("links", report.links),
        ];
        NewAuditEvent {
            organization_id,
            workspace_id: None,
            actor: actor.clone(),
            action: AuditAction::ImportCompleted,
            target: Target {
                kind: "import",
                id: AuditEventId::mint().into_string(),
            },
            details: counts
                .into_iter()
                .map(|(name, count)| (name.to_owned(), u64::try_from(count).unwrap_or(u64::MAX)))
                .collect(),
        }
    }
}

impl ImportRepository for Store {
    fn import_from(
        &self,
        head: &ImportBatch,
        posts: &mut dyn PostSource,
        progress: &mut dyn FnMut(ImportProgress),
        actor: &Actor,
    ) -> Result<ImportReport, ImportError> {
        self.write(|conn| write(conn, self, head, posts, progress, actor))
            .map_err(ImportError::from)
    }
}
