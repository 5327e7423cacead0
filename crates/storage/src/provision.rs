//! Organizations, workspaces and the audit trail, as the operator API provisions and reads
//! them: every statement bounded by the caller's reach, every write with its audit event.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use social_accounts_domain::repository::ProvisionRepository;
use social_accounts_domain::{
    Actor, AuditAction, AuditEvent, Cursor, EmbedSubscription, MainPlan, NewAuditEvent,
    NewOrganization, NewWorkspace, Organization, OrganizationId, OrganizationPatch, Page,
    PageRequest, Plan, Reach, RepoError, Target, Timestamp, Workspace, WorkspaceId,
};

use crate::errors::{corrupt, from_diesel};
use crate::filters::{after, in_reach};
use crate::models::{NewOrganizationRow, NewWorkspaceRow, stored_id};
use crate::schema::{organizations, workspaces};
use crate::{DbConnection, Store, audit};

/// Whether `organization` exists within `reach`.
pub(crate) fn organization_in_reach(
    conn: &mut DbConnection,
    reach: &Reach,
    organization: &OrganizationId,
) -> Result<bool, RepoError> {
    if !reach.sees(organization) {
        return Ok(false);
    }
    diesel::select(diesel::dsl::exists(
        organizations::table.find(organization.as_str()),
    ))
    .get_result(conn)
    .map_err(from_diesel)
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = organizations)]
struct OrganizationRow {
    id: String,
    name: String,
    main_plan: String,
    api_credits_addon: bool,
    embed_subscription: String,
    created_at: NaiveDateTime,
}

impl OrganizationRow {
    fn into_domain(self) -> Result<Organization, RepoError> {
        Ok(Organization {
            organization: NewOrganization {
                id: stored_id(self.id, OrganizationId::try_from)?,
                name: self.name,
                plan: Plan {
                    main_plan: MainPlan::parse(&self.main_plan)
                        .ok_or_else(|| corrupt("main plan", &self.main_plan))?,
                    api_credits_addon: self.api_credits_addon,
                    embed_subscription: EmbedSubscription::parse(&self.embed_subscription)
                        .ok_or_else(|| corrupt("embed subscription", &self.embed_subscription))?,
                },
            },
            created_at: Timestamp::from_naive_utc(self.created_at),
        })
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = workspaces)]
struct WorkspaceRow {
    id: String,
    organization_id: String,
    name: String,
    created_at: NaiveDateTime,
}

impl WorkspaceRow {
    fn into_domain(self) -> Result<Workspace, RepoError> {
        Ok(Workspace {
            workspace: NewWorkspace {
                id: stored_id(self.id, WorkspaceId::try_from)?,
                organization_id: stored_id(self.organization_id, OrganizationId::try_from)?,
                name: self.name,
            },
            created_at: Timestamp::from_naive_utc(self.created_at),
        })
    }
}

fn event(
    organization: &OrganizationId,
    workspace: Option<&WorkspaceId>,
    action: AuditAction,
    target: Target,
    actor: &Actor,
) -> NewAuditEvent {
    NewAuditEvent {
        organization_id: Some(organization.clone()),
        workspace_id: workspace.cloned(),
        actor: actor.clone(),
        action,
        target,
        details: Vec::new(),
    }
}

fn read_organization(
    conn: &mut DbConnection,
    reach: &Reach,
    id: &OrganizationId,
) -> Result<Option<Organization>, RepoError> {
    organizations::table
        .find(id.as_str())
        .filter(in_reach(organizations::id, reach))
        .select(OrganizationRow::as_select())
        .first(conn)
        .optional()
        .map_err(from_diesel)?
        .map(OrganizationRow::into_domain)
        .transpose()
}

impl ProvisionRepository for Store {
    fn create_organization(
        &self,
        new: &NewOrganization,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Organization, RepoError> {
        self.write(|conn| {
            diesel::insert_into(organizations::table)
                .values(NewOrganizationRow {
                    id: new.id.as_str(),
                    name: &new.name,
                    main_plan: new.plan.main_plan.as_str(),
                    api_credits_addon: new.plan.api_credits_addon,
                    embed_subscription: new.plan.embed_subscription.as_str(),
                    created_at: now.naive_utc(),
                })
                .execute(conn)
                .map_err(from_diesel)?;
            let target = Target {
                kind: "organization",
                id: new.id.as_str().to_owned(),
            };
            let created = event(
                &new.id,
                None,
                AuditAction::OrganizationCreated,
                target,
                actor,
            );
            audit::record(conn, &created, now)
        })?;
        Ok(Organization {
            organization: new.clone(),
            created_at: now,
        })
    }

    fn organizations(
        &self,
        reach: &Reach,
        page: &PageRequest,
    ) -> Result<Page<Organization>, RepoError> {
        let rows: Vec<OrganizationRow> = self.run(|conn| {
            organizations::table
                .filter(in_reach(organizations::id, reach))
                .filter(after(
                    organizations::created_at,
                    organizations::id,
                    page.after.as_ref(),
                ))
                .order((organizations::created_at.asc(), organizations::id.asc()))
                .limit(page.rows_to_read())
                .select(OrganizationRow::as_select())
                .load(conn)
                .map_err(from_diesel)
        })?;
        let items = rows
            .into_iter()
            .map(OrganizationRow::into_domain)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(page.page(items, |org| Cursor {
            at: org.created_at,
            id: org.organization.id.as_str().to_owned(),
        }))
    }

    fn organization(
        &self,
        reach: &Reach,
        id: &OrganizationId,
    ) -> Result<Option<Organization>, RepoError> {
        self.run(|conn| read_organization(conn, reach, id))
    }

    fn update_organization(
        &self,
        reach: &Reach,
        id: &OrganizationId,
        patch: &OrganizationPatch,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Option<Organization>, RepoError> {
        self.write(|conn| {
            let Some(mut org) = read_organization(conn, reach, id)? else {
                return Ok(None);
            };
            let before = org.organization.clone();
            if let Some(name) = &patch.name {
                org.organization.name.clone_from(name);
            }
            org.organization.plan = patch.applied_to(org.organization.plan);
            if org.organization == before {
                return Ok(Some(org));
            }
            let plan = org.organization.plan;
            diesel::update(organizations::table.find(id.as_str()))
                .set((
                    organizations::name.eq(&org.organization.name),
                    organizations::main_plan.eq(plan.main_plan.as_str()),
                    organizations::api_credits_addon.eq(plan.api_credits_addon),
                    organizations::embed_subscription.eq(plan.embed_subscription.as_str()),
                ))
                .execute(conn)
                .map_err(from_diesel)?;
            let target = Target {
                kind: "organization",
                id: id.as_str().to_owned(),
            };
            let updated = event(id, None, AuditAction::OrganizationUpdated, target, actor);
            audit::record(conn, &updated, now)?;
            Ok(Some(org))
        })
    }

    fn create_workspace(
        &self,
        reach: &Reach,
        new: &NewWorkspace,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Option<Workspace>, RepoError> {
        self.write(|conn| {
            if !organization_in_reach(conn, reach, &new.organization_id)? {
                return Ok(None);
            }
            diesel::insert_into(workspaces::table)
                .values(NewWorkspaceRow {
                    id: new.id.as_str(),
                    organization_id: new.organization_id.as_str(),
                    name: &new.name,
                    created_at: now.naive_utc(),
                })
                .execute(conn)
                .map_err(from_diesel)?;
            let target = Target {
                kind: "workspace",
                id: new.id.as_str().to_owned(),
            };
            let created = event(
                &new.organization_id,
                Some(&new.id),
                AuditAction::WorkspaceCreated,
                target,
                actor,
            );
            audit::record(conn, &created, now)?;
            Ok(Some(Workspace {
                workspace: new.clone(),
                created_at: now,
            }))
        })
    }

    fn workspaces(
        &self,
        reach: &Reach,
        organization: &OrganizationId,
        page: &PageRequest,
    ) -> Result<Option<Page<Workspace>>, RepoError> {
        self.run(|conn| {
            if !organization_in_reach(conn, reach, organization)? {
                return Ok(None);
            }
            let rows: Vec<WorkspaceRow> = workspaces::table
                .filter(workspaces::organization_id.eq(organization.as_str()))
                .filter(after(
                    workspaces::created_at,
                    workspaces::id,
                    page.after.as_ref(),
                ))
                .order((workspaces::created_at.asc(), workspaces::id.asc()))
                .limit(page.rows_to_read())
                .select(WorkspaceRow::as_select())
                .load(conn)
                .map_err(from_diesel)?;
            let items = rows
                .into_iter()
                .map(WorkspaceRow::into_domain)
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Some(page.page(items, |ws| Cursor {
                at: ws.created_at,
                id: ws.workspace.id.as_str().to_owned(),
            })))
        })
    }

    fn all_audit_events(
        &self,
        since: Option<Timestamp>,
        page: &PageRequest,
    ) -> Result<Page<AuditEvent>, RepoError> {
        self.run(|conn| audit::page(conn, None, since, page))
    }

    fn audit_events(
        &self,
        reach: &Reach,
        organization: &OrganizationId,
        since: Option<Timestamp>,
        page: &PageRequest,
    ) -> Result<Option<Page<AuditEvent>>, RepoError> {
        self.run(|conn| {
            if !organization_in_reach(conn, reach, organization)? {
                return Ok(None);
            }
            audit::page(conn, Some(organization), since, page).map(Some)
        })
    }
}
