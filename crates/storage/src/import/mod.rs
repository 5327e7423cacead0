//! The operator's import: one transaction, all or nothing, errors naming record and field.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use social_accounts_domain::import::{ImportBatch, ImportError, ImportReport};
use social_accounts_domain::repository::{ImportRepository, NewApiKey};
use social_accounts_domain::{ApiKeyId, RepoError, Timestamp};

use crate::errors::from_diesel;
use crate::keys::{check_key_owner, insert_key};
use crate::models::{NewOrganizationRow, NewSocialAccountRow, NewWorkspaceRow};
use crate::schema::{organizations, social_accounts, workspaces};
use crate::{DbConnection, Store, TokenCipher};

mod posts;

/// Why the import transaction stopped.
enum Failure {
    Bad(ImportError),
    Repo(RepoError),
}

impl From<RepoError> for Failure {
    fn from(error: RepoError) -> Self {
        Failure::Repo(error)
    }
}

fn bad(section: &str, index: usize, field: &str, message: impl Into<String>) -> Failure {
    Failure::Bad(ImportError::field(section, index, field, message))
}

/// A conflict on insert is a duplicate id, reported at the record's id field.
fn duplicate(
    section: &str,
    index: usize,
    field: &str,
    what: &str,
) -> impl FnOnce(diesel::result::Error) -> Failure {
    move |error| match from_diesel(error) {
        RepoError::Duplicate => bad(section, index, field, format!("{what} already exists")),
        other => Failure::Repo(other),
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
}

/// State carried from section to section of one import.
struct Import<'a> {
    batch: &'a ImportBatch,
    now: NaiveDateTime,
    report: ImportReport,
    workspaces: Workspaces,
    /// Design id → workspace id, for designs used by posts.
    design_workspace: HashMap<String, String>,
    /// Account id → workspace id, for accounts linked by posts.
    account_workspace: HashMap<String, String>,
}

fn write(
    conn: &mut DbConnection,
    batch: &ImportBatch,
    store: &Store,
) -> Result<ImportReport, Failure> {
    let mut import = Import {
        batch,
        now: Timestamp::now().naive_utc(),
        report: ImportReport::default(),
        workspaces: Workspaces(HashMap::new()),
        design_workspace: HashMap::new(),
        account_workspace: HashMap::new(),
    };
    import.organizations(conn)?;
    import.workspaces(conn)?;
    import.api_keys(conn)?;
    import.social_accounts(conn, store.cipher()?)?;
    import.designs(conn)?;
    import.scheduled_posts(conn)?;
    Ok(import.report)
}

impl Import<'_> {
    fn organizations(&mut self, conn: &mut DbConnection) -> Result<(), Failure> {
        for (i, org) in self.batch.organizations.iter().enumerate() {
            diesel::insert_into(organizations::table)
                .values(NewOrganizationRow {
                    id: org.id.as_str(),
                    name: &org.name,
                    main_plan: org.plan.main_plan.as_str(),
                    api_credits_addon: org.plan.api_credits_addon,
                    embed_subscription: org.plan.embed_subscription.as_str(),
                    created_at: self.now,
                })
                .execute(conn)
                .map_err(duplicate(
                    "organizations",
                    i,
                    "id",
                    &format!("organization {:?}", org.id.as_str()),
                ))?;
            self.report.organizations += 1;
        }
        Ok(())
    }

    fn workspaces(&mut self, conn: &mut DbConnection) -> Result<(), Failure> {
        for (i, ws) in self.batch.workspaces.iter().enumerate() {
            let org = ws.organization_id.as_str();
            let org_exists: bool =
                diesel::select(diesel::dsl::exists(organizations::table.find(org)))
                    .get_result(conn)
                    .map_err(from_diesel)?;
            if !org_exists {
                let message = format!("no organization {org:?} in this file or the database");
                return Err(bad("workspaces", i, "organizationId", message));
            }
            diesel::insert_into(workspaces::table)
                .values(NewWorkspaceRow {
                    id: ws.id.as_str(),
                    organization_id: org,
                    name: &ws.name,
                    created_at: self.now,
                })
                .execute(conn)
                .map_err(duplicate(
                    "workspaces",
                    i,
                    "id",
                    &format!("workspace {:?}", ws.id.as_str()),
                ))?;
            self.workspaces
                .0
                .insert(ws.id.as_str().to_owned(), org.to_owned());
            self.report.workspaces += 1;
        }
        Ok(())
    }

    fn api_keys(&mut self, conn: &mut DbConnection) -> Result<(), Failure> {
        for (i, key) in self.batch.api_keys.iter().enumerate() {
            check_key_owner(conn, &key.organization_id, key.workspace_id.as_ref()).map_err(
                |e| match e {
                    RepoError::NoOrganization(_) => bad(
                        "apiKeys",
                        i,
                        "organizationId",
                        format!("{e} in this file or the database"),
                    ),
                    RepoError::NoWorkspace(_) | RepoError::ForeignWorkspace(_) => {
                        bad("apiKeys", i, "workspaceId", e.to_string())
                    }
                    other => Failure::Repo(other),
                },
            )?;
            let new_key = NewApiKey {
                organization_id: key.organization_id.clone(),
                workspace_id: key.workspace_id.clone(),
                name: key.name.clone(),
                hash: key.secret.hash(),
                prefix: key.secret.display_prefix().to_owned(),
                expires_at: None,
            };
            insert_key(
                conn,
                &new_key,
                &ApiKeyId::mint(),
                Timestamp::from_naive_utc(self.now),
            )
            .map_err(|e| match e {
                RepoError::Duplicate => bad("apiKeys", i, "key", "this key already exists"),
                other => Failure::Repo(other),
            })?;
            self.report.api_keys += 1;
        }
        Ok(())
    }

    fn social_accounts(
        &mut self,
        conn: &mut DbConnection,
        cipher: &TokenCipher,
    ) -> Result<(), Failure> {
        for (i, account) in self.batch.social_accounts.iter().enumerate() {
            let workspace = account.workspace_id.as_str();
            let Some(organization) = self.workspaces.organization_of(conn, workspace)? else {
                let message = format!("no workspace {workspace:?} in this file or the database");
                return Err(bad("socialAccounts", i, "workspaceId", message));
            };
            diesel::insert_into(social_accounts::table)
                .values(NewSocialAccountRow {
                    id: account.id.as_str(),
                    organization_id: &organization,
                    workspace_id: workspace,
                    platform_type: account.platform.as_str(),
                    account_handle: &account.account_handle,
                    account_type: account.account_type.as_str(),
                    account_name: &account.account_name,
                    account_logo: account.account_logo.as_deref(),
                    access_token_status: account.access_token_status.as_str(),
                    token_expires_at: account.token_expires_at.map(Timestamp::naive_utc),
                    access_token_ciphertext: cipher.seal(account.access_token.expose()),
                    refresh_token_ciphertext: account
                        .refresh_token
                        .as_ref()
                        .map(|t| cipher.seal(t.expose())),
                    created_at: account.created_at.naive_utc(),
                    updated_at: account.updated_at.naive_utc(),
                })
                .execute(conn)
                .map_err(duplicate(
                    "socialAccounts",
                    i,
                    "id",
                    &format!("social account {:?}", account.id.as_str()),
                ))?;
            self.account_workspace
                .insert(account.id.as_str().to_owned(), workspace.to_owned());
            self.report.social_accounts += 1;
        }
        Ok(())
    }
}

impl ImportRepository for Store {
    fn import(&self, batch: &ImportBatch) -> Result<ImportReport, ImportError> {
        let whole_file = |error: RepoError| ImportError {
            at: ".".into(),
            message: error.to_string(),
        };
        self.write(|conn| write(conn, batch, self))
            .map_err(|failure| match failure {
                Failure::Bad(error) => error,
                Failure::Repo(error) => whole_file(error),
            })
    }
}
