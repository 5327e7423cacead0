//! `src/schema.rs` must describe exactly what the migrations create, on both backends:
//! same tables, same columns in the same order, same types and nullability.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use social_accounts_storage::testing::TestDb;
use social_accounts_storage::{Backend, DbConnection};

type Columns = BTreeMap<String, Vec<(String, String)>>;

const SCHEMA_RS: &str = include_str!("../../src/schema.rs");

/// Tables and `column -> Type` lines of every `diesel::table!` in schema.rs.
fn declared() -> Columns {
    let mut tables = Columns::new();
    let mut current: Option<String> = None;
    for line in SCHEMA_RS.lines().map(str::trim) {
        if let Some(name) = line
            .strip_suffix('{')
            .and_then(|l| l.split_once(" ("))
            .map(|(n, _)| n.trim())
        {
            current = Some(name.to_owned());
            tables.insert(name.to_owned(), Vec::new());
        } else if let (Some(table), Some((column, ty))) = (&current, line.split_once(" -> ")) {
            let ty = ty.trim_end_matches(',');
            if let Some(columns) = tables.get_mut(table) {
                columns.push((column.to_owned(), ty.to_owned()));
            }
        } else if line == "}" {
            current = None;
        }
    }
    tables
}

#[derive(QueryableByName)]
struct ColumnRow {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Bool)]
    nullable: bool,
}

fn diesel_type(db_type: &str) -> String {
    match db_type.to_ascii_lowercase().as_str() {
        "text" => "Text",
        "boolean" => "Bool",
        "timestamp" | "timestamp without time zone" => "Timestamp",
        "blob" | "bytea" => "Binary",
        "bigint" => "BigInt",
        "integer" => "Integer",
        other => panic!("no diesel type known for column type {other:?}"),
    }
    .to_owned()
}

fn migrated(conn: &mut DbConnection, backend: Backend) -> Columns {
    let sql = match backend {
        Backend::Sqlite => {
            "SELECT m.name AS table_name, c.name AS column_name, c.type AS data_type, \
             (c.\"notnull\" = 0 AND c.pk = 0) AS nullable \
             FROM sqlite_master m JOIN pragma_table_info(m.name) c \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name != '__diesel_schema_migrations' \
             ORDER BY m.name, c.cid"
        }
        Backend::Postgres => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type, \
             (is_nullable = 'YES') AS nullable FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name != '__diesel_schema_migrations' \
             ORDER BY table_name, ordinal_position"
        }
    };
    let rows: Vec<ColumnRow> = diesel::sql_query(sql).load(conn).unwrap();
    let mut tables = Columns::new();
    for row in rows {
        let ty = diesel_type(&row.data_type);
        let ty = if row.nullable {
            format!("Nullable<{ty}>")
        } else {
            ty
        };
        tables
            .entry(row.table_name)
            .or_default()
            .push((row.column_name, ty));
    }
    tables
}

fn schema_rs_matches_migrations(backend: Backend) {
    let db = TestDb::migrated(backend);
    let declared = declared();
    assert!(declared.len() >= 6, "schema.rs parsing found {declared:?}");
    assert_eq!(
        migrated(&mut db.connect(), backend),
        declared,
        "schema.rs and migrations/ drifted apart"
    );
}

social_accounts_storage::on_both_backends!(schema_rs_matches_migrations);
