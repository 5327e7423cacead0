//! Two filters every list and read of the operator and publisher APIs carries, each one named
//! expression: the caller's reach (`organization_id = ?`, or nothing for an instance key) and
//! the keyset page (`after the cursor's (time, id)`). Their text has two forms each, so
//! statements are cached by their text (not by type), one per form.

use chrono::NaiveDateTime;
use diesel::backend::Backend;
use diesel::expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping};
use diesel::prelude::*;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{Bool, HasSqlType, Text, Timestamp as SqlTimestamp};
use social_accounts_domain::{Cursor, Reach};

/// `column = ?` for an organization's key, `1 = 1` for the instance's.
#[derive(Debug, Clone)]
pub(crate) struct InReach<C> {
    column: C,
    organization: Option<String>,
}

/// Rows of `column`'s organization within `reach`.
pub(crate) fn in_reach<C>(column: C, reach: &Reach) -> InReach<C> {
    InReach {
        column,
        organization: reach.organization().map(|org| org.as_str().to_owned()),
    }
}

impl<C> Expression for InReach<C> {
    type SqlType = Bool;
}

impl<C, DB> QueryFragment<DB> for InReach<C>
where
    DB: Backend + HasSqlType<Text>,
    String: ToSql<Text, DB>,
    C: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        match &self.organization {
            None => out.push_sql("1 = 1"),
            Some(organization) => {
                self.column.walk_ast(out.reborrow())?;
                out.push_sql(" = ");
                out.push_bind_param::<Text, String>(organization)?;
            }
        }
        Ok(())
    }
}

/// After a cursor: `(at > ? OR (at = ? AND id > ?))`, or `1 = 1` on the first page.
#[derive(Debug, Clone)]
pub(crate) struct After<A, I> {
    at: A,
    id: I,
    cursor: Option<(NaiveDateTime, String)>,
}

/// Rows after `cursor` in (`at`, `id`) order.
pub(crate) fn after<A, I>(at: A, id: I, cursor: Option<&Cursor>) -> After<A, I> {
    After {
        at,
        id,
        cursor: cursor.map(|c| (c.at.naive_utc(), c.id.clone())),
    }
}

impl<A, I> Expression for After<A, I> {
    type SqlType = Bool;
}

impl<A, I, DB> QueryFragment<DB> for After<A, I>
where
    DB: Backend + HasSqlType<Text> + HasSqlType<SqlTimestamp>,
    String: ToSql<Text, DB>,
    NaiveDateTime: ToSql<SqlTimestamp, DB>,
    A: QueryFragment<DB>,
    I: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        let Some((at, id)) = &self.cursor else {
            out.push_sql("1 = 1");
            return Ok(());
        };
        out.push_sql("(");
        self.at.walk_ast(out.reborrow())?;
        out.push_sql(" > ");
        out.push_bind_param::<SqlTimestamp, NaiveDateTime>(at)?;
        out.push_sql(" OR (");
        self.at.walk_ast(out.reborrow())?;
        out.push_sql(" = ");
        out.push_bind_param::<SqlTimestamp, NaiveDateTime>(at)?;
        out.push_sql(" AND ");
        self.id.walk_ast(out.reborrow())?;
        out.push_sql(" > ");
        out.push_bind_param::<Text, String>(id)?;
        out.push_sql("))");
        Ok(())
    }
}

/// Both filters have two texts: the statement cache keys them by their text.
macro_rules! by_text {
    ($($type:ident<$($param:ident),+>),+) => {$(
        impl<$($param),+> QueryId for $type<$($param),+> {
            type QueryId = ();
            const HAS_STATIC_QUERY_ID: bool = false;
        }

        impl<QS, $($param),+> AppearsOnTable<QS> for $type<$($param),+> where
            $($param: AppearsOnTable<QS>),+
        {
        }

        impl<QS, $($param),+> SelectableExpression<QS> for $type<$($param),+> where
            $($param: SelectableExpression<QS>),+
        {
        }

        impl<$($param),+> ValidGrouping<()> for $type<$($param),+> {
            type IsAggregate = diesel::expression::is_aggregate::No;
        }
    )+};
}

by_text!(InReach<C>, After<A, I>);

#[cfg(test)]
mod tests {
    use social_accounts_domain::{OrganizationId, Timestamp};

    use super::*;
    use crate::schema::organizations;

    fn sql(reach: &Reach, cursor: Option<&Cursor>) -> String {
        let query = organizations::table
            .filter(in_reach(organizations::id, reach))
            .filter(after(organizations::created_at, organizations::id, cursor))
            .select(organizations::id);
        diesel::debug_query::<diesel::sqlite::Sqlite, _>(&query).to_string()
    }

    #[test]
    fn each_filter_has_its_two_forms() {
        let org = Reach::Organization(OrganizationId::parse("org_1").unwrap());
        let cursor = Cursor {
            at: Timestamp::parse("2026-12-01T00:00:00Z").unwrap(),
            id: "org_0".to_owned(),
        };
        let first = sql(&Reach::Instance, None);
        assert!(first.contains("WHERE (1 = 1 AND 1 = 1)"), "{first}");
        let next = sql(&org, Some(&cursor));
        assert!(
            next.contains("WHERE (`organizations`.`id` = ? AND (`organizations`.`created_at` > ? OR (`organizations`.`created_at` = ? AND `organizations`.`id` > ?)))"),
            "{next}"
        );
    }
}
