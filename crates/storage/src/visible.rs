//! An Embed API caller's visibility as SQL: `workspace_id = ? AND (platform_type = ? OR …)`,
//! the one filter every statement on accounts made for such a caller carries.
//!
//! The platform half binds exactly one value per known platform, the served ones repeated to
//! fill the list, so its text never depends on how many are served: the statement stays one
//! that diesel keeps prepared. (diesel's `eq_any` writes `IN (?, …)` with one bind per value
//! on SQLite and marks the statement as never to be cached, so every read would compile it
//! anew; on PostgreSQL it binds an array, but one statement for both is simpler.) It is a
//! chain of `OR`s, not `IN (?, …)`: SQLite takes a bound `IN` list of more than two values for
//! a constant and builds an ephemeral index of it on every execution (`OpenEphemeral` and an
//! insert per value), which made every account and post read of the Embed API 10-20 % slower
//! (A/B in docs/performance.md). Either backend evaluates six comparisons on the rows the
//! workspace or the id already found.

use diesel::backend::Backend;
use diesel::expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping};
use diesel::prelude::*;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{Bool, HasSqlType, Text};
use social_accounts_domain::{Platform, Scope};

use crate::schema::social_accounts as accounts;

/// `(social_accounts.platform_type = ? OR …)`: one bind per known platform.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ServedPlatform {
    names: [&'static str; Platform::ALL.len()],
}

impl ServedPlatform {
    /// The filter of `scope`'s platforms.
    pub(crate) fn of(scope: &Scope) -> Self {
        let served = scope.platforms.as_slice();
        // A scope serves at least one platform (`Platforms` is never empty).
        let mut names = [Platform::ALL[0].as_str(); Platform::ALL.len()];
        for (i, name) in names.iter_mut().enumerate() {
            if let Some(platform) = served.get(i).or_else(|| served.first()) {
                *name = platform.as_str();
            }
        }
        Self { names }
    }
}

/// `workspace_id = ? AND (platform_type = ? OR …)`: what `scope` sees of `social_accounts`.
pub(crate) fn visible(
    scope: &Scope,
) -> diesel::dsl::And<diesel::dsl::Eq<accounts::workspace_id, &str>, ServedPlatform> {
    accounts::workspace_id
        .eq(scope.workspace.as_str())
        .and(ServedPlatform::of(scope))
}

impl Expression for ServedPlatform {
    type SqlType = Bool;
}

impl<DB> QueryFragment<DB> for ServedPlatform
where
    DB: Backend + HasSqlType<Text>,
    str: ToSql<Text, DB>,
    accounts::platform_type: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        out.push_sql("(");
        for (i, name) in self.names.iter().enumerate() {
            if i > 0 {
                out.push_sql(" OR ");
            }
            accounts::platform_type.walk_ast(out.reborrow())?;
            out.push_sql(" = ");
            out.push_bind_param::<Text, str>(name)?;
        }
        out.push_sql(")");
        Ok(())
    }
}

/// The statement's text is the same for every value: safe to key the cache by the type.
impl QueryId for ServedPlatform {
    type QueryId = Self;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl<QS> AppearsOnTable<QS> for ServedPlatform where accounts::platform_type: AppearsOnTable<QS> {}

impl<QS> SelectableExpression<QS> for ServedPlatform where
    accounts::platform_type: SelectableExpression<QS>
{
}

impl ValidGrouping<()> for ServedPlatform {
    type IsAggregate = diesel::expression::is_aggregate::No;
}

#[cfg(test)]
mod tests {
    use social_accounts_domain::{Platforms, WorkspaceId};

    use super::*;

    fn scope(platforms: &str) -> Scope {
        Scope {
            workspace: WorkspaceId::parse("ws").unwrap(),
            platforms: Platforms::parse(platforms).unwrap(),
        }
    }

    #[test]
    fn every_known_platform_has_a_bind_the_served_ones_fill_them() {
        assert_eq!(
            ServedPlatform::of(&scope("threads,linkedin")).names,
            [
                "threads", "linkedin", "threads", "threads", "threads", "threads"
            ]
        );
        let all = Platform::ALL.map(Platform::as_str);
        assert_eq!(
            ServedPlatform::of(&scope(&all.join(","))).names,
            all,
            "every platform served: each bound once"
        );
    }

    #[test]
    fn the_text_does_not_depend_on_the_platforms() {
        let sql = |platforms: &str| {
            diesel::debug_query::<diesel::sqlite::Sqlite, _>(
                &accounts::table
                    .filter(visible(&scope(platforms)))
                    .select(accounts::id),
            )
            .to_string()
        };
        let one = sql("tiktok");
        let text = |debug: &str| debug.split(" -- ").next().unwrap_or_default().to_owned();
        assert_eq!(text(&one), text(&sql("linkedin,instagram,tiktok,threads")));
        assert!(
            one.contains("(`social_accounts`.`platform_type` = ? OR "),
            "{one}"
        );
        assert_eq!(
            one.matches("`platform_type` = ?").count(),
            Platform::ALL.len(),
            "{one}"
        );
    }

    /// SQLite runs the filter as comparisons: no ephemeral index built on each execution (what
    /// a bound `IN` list of more than two values costs).
    #[test]
    fn sqlite_builds_nothing_per_execution() {
        #[derive(diesel::QueryableByName)]
        struct Op {
            #[diesel(sql_type = Text)]
            opcode: String,
        }
        let db = crate::testing::TestDb::migrated(crate::Backend::Sqlite);
        let served = scope("linkedin,tiktok");
        let query = accounts::table
            .filter(accounts::id.eq("a").and(visible(&served)))
            .select(accounts::id);
        let text = diesel::debug_query::<diesel::sqlite::Sqlite, _>(&query).to_string();
        let sql = text.split(" -- ").next().unwrap_or_default();
        let ops: Vec<Op> = diesel::sql_query(format!("EXPLAIN {sql}"))
            .load(&mut db.connect())
            .unwrap();
        let opcodes: Vec<&str> = ops.iter().map(|op| op.opcode.as_str()).collect();
        assert!(
            opcodes.contains(&"Eq") || opcodes.contains(&"Ne"),
            "{opcodes:?}"
        );
        assert!(!opcodes.contains(&"OpenEphemeral"), "{opcodes:?}");
    }
}
