//! API keys: lookup by hash for authentication, and the operator's create/list/revoke.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use social_accounts_domain::repository::{ApiKeyInfo, KeyRepository, NewApiKey};
use social_accounts_domain::{
    Actor, ApiKeyId, AuditAction, Cursor, EmbedSubscription, KeyHash, KeyKind, KeyRecord, MainPlan,
    NewAuditEvent, OrganizationId, Page, PageRequest, Plan, Reach, RepoError, Target, Timestamp,
    WorkspaceId,
};

use crate::audit;
use crate::errors::{corrupt, from_diesel};
use crate::filters::{after, in_reach};
use crate::models::{NewApiKeyRow, stored_id};
use crate::provision::organization_in_reach;
use crate::schema::{api_keys, organizations, workspaces};
use crate::{DbConnection, Store};

/// A key with its workspace and its organization's plan, as the authentication lookup reads
/// them in one statement (the joined columns are `NULL` when the workspace or organization is
/// gone). Fields in the order of that statement's `select`.
#[derive(Queryable)]
struct KeyLookupRow {
    id: String,
    kind: String,
    organization_id: Option<String>,
    workspace_id: Option<String>,
    main_plan: Option<String>,
    api_credits_addon: Option<bool>,
    embed_subscription: Option<String>,
    last_used_at: Option<NaiveDateTime>,
}

impl KeyLookupRow {
    fn into_domain(self) -> Result<KeyRecord, RepoError> {
        Ok(KeyRecord {
            key_id: stored_id(self.id, ApiKeyId::try_from)?,
            kind: stored_kind(&self.kind)?,
            organization_id: self
                .organization_id
                .map(|id| stored_id(id, OrganizationId::try_from))
                .transpose()?,
            workspace_id: self
                .workspace_id
                .map(|w| stored_id(w, WorkspaceId::try_from))
                .transpose()?,
            plan: plan(
                self.main_plan,
                self.api_credits_addon,
                self.embed_subscription,
            )?,
            last_used_at: self.last_used_at.map(Timestamp::from_naive_utc),
        })
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = api_keys)]
struct KeyInfoRow {
    id: String,
    kind: String,
    organization_id: Option<String>,
    workspace_id: Option<String>,
    name: String,
    prefix: String,
    created_at: NaiveDateTime,
    last_used_at: Option<NaiveDateTime>,
    revoked_at: Option<NaiveDateTime>,
    expires_at: Option<NaiveDateTime>,
}

impl KeyInfoRow {
    fn into_domain(self) -> Result<ApiKeyInfo, RepoError> {
        Ok(ApiKeyInfo {
            id: stored_id(self.id, ApiKeyId::try_from)?,
            kind: stored_kind(&self.kind)?,
            organization_id: self
                .organization_id
                .map(|id| stored_id(id, OrganizationId::try_from))
                .transpose()?,
            workspace_id: self
                .workspace_id
                .map(|w| stored_id(w, WorkspaceId::try_from))
                .transpose()?,
            name: self.name,
            prefix: self.prefix,
            created_at: Timestamp::from_naive_utc(self.created_at),
            last_used_at: self.last_used_at.map(Timestamp::from_naive_utc),
            revoked_at: self.revoked_at.map(Timestamp::from_naive_utc),
            expires_at: self.expires_at.map(Timestamp::from_naive_utc),
        })
    }
}

fn stored_kind(raw: &str) -> Result<KeyKind, RepoError> {
    KeyKind::parse(raw).ok_or_else(|| corrupt("key kind", raw))
}

/// A page of keys is ordered by creation, then id.
fn cursor_of(key: &ApiKeyInfo) -> Cursor {
    Cursor {
        at: key.created_at,
        id: key.id.as_str().to_owned(),
    }
}

/// The audit event of a key's creation or revocation: the key's kind and name in the
/// details' names would be text, so they stay out; the target id names the key record.
fn key_event(key: &ApiKeyInfo, action: AuditAction, actor: &Actor) -> NewAuditEvent {
    NewAuditEvent {
        organization_id: key.organization_id.clone(),
        workspace_id: key.workspace_id.clone(),
        actor: actor.clone(),
        action,
        target: Target {
            kind: "api_key",
            id: key.id.as_str().to_owned(),
        },
        details: Vec::new(),
    }
}

fn plan(
    main_plan: Option<String>,
    addon: Option<bool>,
    embed: Option<String>,
) -> Result<Option<Plan>, RepoError> {
    let (Some(main_plan), Some(api_credits_addon), Some(embed)) = (main_plan, addon, embed) else {
        return Ok(None);
    };
    Ok(Some(Plan {
        main_plan: MainPlan::parse(&main_plan).ok_or_else(|| corrupt("main plan", &main_plan))?,
        api_credits_addon,
        embed_subscription: EmbedSubscription::parse(&embed)
            .ok_or_else(|| corrupt("embed subscription", &embed))?,
    }))
}

/// Checks that `organization` exists and `workspace`, if any, belongs to it (a key of the
/// whole instance has neither).
pub(crate) fn check_key_owner(
    conn: &mut DbConnection,
    organization: Option<&OrganizationId>,
    workspace: Option<&WorkspaceId>,
) -> Result<(), RepoError> {
    let Some(organization) = organization else {
        return Ok(());
    };
    let org_exists: bool = diesel::select(diesel::dsl::exists(
        organizations::table.find(organization.as_str()),
    ))
    .get_result(conn)
    .map_err(from_diesel)?;
    if !org_exists {
        return Err(RepoError::NoOrganization(organization.clone()));
    }
    if let Some(workspace) = workspace {
        let owner: Option<String> = workspaces::table
            .find(workspace.as_str())
            .select(workspaces::organization_id)
            .first(conn)
            .optional()
            .map_err(from_diesel)?;
        match owner {
            None => return Err(RepoError::NoWorkspace(workspace.clone())),
            Some(owner) if owner != organization.as_str() => {
                return Err(RepoError::ForeignWorkspace(workspace.clone()));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Inserts a key record; the caller has checked its owner.
pub(crate) fn insert_key(
    conn: &mut DbConnection,
    key: &NewApiKey,
    id: &ApiKeyId,
    now: Timestamp,
) -> Result<(), RepoError> {
    diesel::insert_into(api_keys::table)
        .values(NewApiKeyRow {
            id: id.as_str(),
            kind: key.kind.as_str(),
            organization_id: key.organization_id.as_ref().map(OrganizationId::as_str),
            workspace_id: key.workspace_id.as_ref().map(WorkspaceId::as_str),
            name: &key.name,
            key_hash: key.hash.as_bytes(),
            prefix: &key.prefix,
            created_at: now.naive_utc(),
            expires_at: key.expires_at.map(Timestamp::naive_utc),
        })
        .execute(conn)
        .map_err(from_diesel)?;
    Ok(())
}

impl Store {
    /// The keys of the whole instance (operator and publisher keys of no organization),
    /// revoked ones included, oldest first: what `keys list` shows without an organization.
    pub fn instance_keys(&self) -> Result<Vec<ApiKeyInfo>, RepoError> {
        let rows: Vec<KeyInfoRow> = self.run(|conn| {
            api_keys::table
                .filter(api_keys::organization_id.is_null())
                .order((api_keys::created_at.asc(), api_keys::id.asc()))
                .select(KeyInfoRow::as_select())
                .load(conn)
                .map_err(from_diesel)
        })?;
        rows.into_iter().map(KeyInfoRow::into_domain).collect()
    }
}

impl KeyRepository for Store {
    fn find_key(&self, hash: &KeyHash, now: Timestamp) -> Result<Option<KeyRecord>, RepoError> {
        // One round trip: the key, its workspace and its organization's plan. The
        // organization is joined on the key's own column (a key outlives its organization).
        let row: Option<KeyLookupRow> = self.run(|conn| {
            api_keys::table
                .left_join(workspaces::table)
                .left_join(
                    organizations::table
                        .on(organizations::id.nullable().eq(api_keys::organization_id)),
                )
                .filter(
                    api_keys::key_hash
                        .eq(hash.as_bytes().as_slice())
                        .and(api_keys::revoked_at.is_null())
                        .and(
                            api_keys::expires_at
                                .is_null()
                                .or(api_keys::expires_at.gt(now.naive_utc())),
                        ),
                )
                .select((
                    api_keys::id,
                    api_keys::kind,
                    api_keys::organization_id,
                    workspaces::id.nullable(),
                    organizations::main_plan.nullable(),
                    organizations::api_credits_addon.nullable(),
                    organizations::embed_subscription.nullable(),
                    api_keys::last_used_at,
                ))
                .first(conn)
                .optional()
                .map_err(from_diesel)
        })?;
        row.map(KeyLookupRow::into_domain).transpose()
    }

    fn record_key_use(&self, key: &ApiKeyId, at: Timestamp) -> Result<(), RepoError> {
        self.write(|conn| {
            diesel::update(api_keys::table.find(key.as_str()))
                .set(api_keys::last_used_at.eq(at.naive_utc()))
                .execute(conn)
                .map_err(from_diesel)
        })?;
        Ok(())
    }

    fn create_key(
        &self,
        key: &NewApiKey,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<ApiKeyInfo, RepoError> {
        let info = ApiKeyInfo {
            id: ApiKeyId::mint(),
            kind: key.kind,
            organization_id: key.organization_id.clone(),
            workspace_id: key.workspace_id.clone(),
            name: key.name.clone(),
            prefix: key.prefix.clone(),
            created_at: now,
            last_used_at: None,
            revoked_at: None,
            expires_at: key.expires_at,
        };
        self.write(|conn| {
            check_key_owner(
                conn,
                key.organization_id.as_ref(),
                key.workspace_id.as_ref(),
            )?;
            insert_key(conn, key, &info.id, now)?;
            audit::record(
                conn,
                &key_event(&info, AuditAction::ApiKeyCreated, actor),
                now,
            )
        })?;
        Ok(info)
    }

    fn list_keys(
        &self,
        reach: &Reach,
        organization: &OrganizationId,
        page: &PageRequest,
    ) -> Result<Option<Page<ApiKeyInfo>>, RepoError> {
        if !reach.sees(organization) {
            return Ok(None);
        }
        self.run(|conn| {
            if !organization_in_reach(conn, reach, organization)? {
                return Ok(None);
            }
            let rows: Vec<KeyInfoRow> = api_keys::table
                .filter(api_keys::organization_id.eq(organization.as_str()))
                .filter(after(
                    api_keys::created_at,
                    api_keys::id,
                    page.after.as_ref(),
                ))
                .order((api_keys::created_at.asc(), api_keys::id.asc()))
                .limit(page.rows_to_read())
                .select(KeyInfoRow::as_select())
                .load(conn)
                .map_err(from_diesel)?;
            let keys = rows
                .into_iter()
                .map(KeyInfoRow::into_domain)
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Some(page.page(keys, cursor_of)))
        })
    }

    fn revoke_key(
        &self,
        reach: &Reach,
        id: &ApiKeyId,
        actor: &Actor,
        at: Timestamp,
    ) -> Result<Option<ApiKeyInfo>, RepoError> {
        self.write(|conn| {
            let in_reach = api_keys::table
                .find(id.as_str())
                .filter(in_reach(api_keys::organization_id, reach));
            let revoked = diesel::update(in_reach.clone().filter(api_keys::revoked_at.is_null()))
                .set(api_keys::revoked_at.eq(at.naive_utc()))
                .execute(conn)
                .map_err(from_diesel)?;
            let key = in_reach
                .select(KeyInfoRow::as_select())
                .first(conn)
                .optional()
                .map_err(from_diesel)?
                .map(KeyInfoRow::into_domain)
                .transpose()?;
            if revoked > 0
                && let Some(key) = &key
            {
                audit::record(conn, &key_event(key, AuditAction::ApiKeyRevoked, actor), at)?;
            }
            Ok(key)
        })
    }
}
