//! PostgreSQL over TLS with the default build (libpq and OpenSSL built from source), against
//! the local server: Debian's `ssl = on` with its snakeoil certificate.

mod postgres {
    use std::process::Output;

    use diesel::RunQueryDsl;
    use social_accounts_storage::testing::{TestDb, count};
    use social_accounts_storage::{Backend, DatabaseUrl, connect};

    use crate::helpers::text;

    /// Never used by the server (trust auth); here to prove no message shows it.
    const PASSWORD: &str = "hunter2-tls";

    /// The test database's URL with a password and the query `params`.
    fn url(db: &TestDb, params: &str) -> String {
        let url = db.url_arg();
        let with_password = url.replacen("postgres@", &format!("postgres:{PASSWORD}@"), 1);
        assert_ne!(with_password, url, "unexpected test URL {url}");
        let separator = if with_password.contains('?') {
            '&'
        } else {
            '?'
        };
        format!("{with_password}{separator}{params}")
    }

    fn migrate(database: &str) -> Output {
        crate::helpers::run_binary(database, &["migrate"], &[])
    }

    /// The server's certificate, read from where the server says it is.
    fn server_certificate(db: &TestDb) -> String {
        #[derive(diesel::QueryableByName)]
        struct Setting {
            #[diesel(sql_type = diesel::sql_types::Text)]
            setting: String,
        }
        let mut conn = connect(&DatabaseUrl::parse(&db.url_arg()).unwrap()).unwrap();
        let show = |conn: &mut _, name: &str| {
            diesel::sql_query(format!(
                "SELECT setting FROM pg_settings WHERE name = '{name}'"
            ))
            .get_result::<Setting>(conn)
            .unwrap()
            .setting
        };
        assert_eq!(
            show(&mut conn, "ssl"),
            "on",
            "these tests need the local PostgreSQL to have ssl = on (Debian's default)"
        );
        show(&mut conn, "ssl_cert_file")
    }

    /// Whether the connection `database` opens is encrypted, as the server sees it.
    fn encrypted(database: &str) -> bool {
        let mut conn = connect(&DatabaseUrl::parse(database).unwrap())
            .unwrap_or_else(|e| panic!("cannot connect: {e}"));
        count(
            &mut conn,
            "SELECT COUNT(*) AS n FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl",
        ) == 1
    }

    #[test]
    fn sslmode_require_connects_and_the_server_sees_tls() {
        let db = TestDb::new(Backend::Postgres);
        let require = url(&db, "sslmode=require");
        let migrated = migrate(&require);
        let (out, err) = (text(&migrated.stdout), text(&migrated.stderr));
        assert!(migrated.status.success(), "{err}");
        assert!(
            out.contains(&format!(
                "postgres://postgres:***@127.0.0.1:5432/{}?sslmode=require: applied migration",
                db.admin().1
            )),
            "{out}"
        );
        assert!(!format!("{out}{err}").contains(PASSWORD));

        assert!(encrypted(&require));
        // The check can fail: the same server without TLS.
        assert!(!encrypted(&url(&db, "sslmode=disable")));
    }

    #[test]
    fn serve_with_sslmode_require_keeps_only_encrypted_connections() {
        let db = TestDb::new(Backend::Postgres);
        let serve = crate::helpers::ServeProcess::start(
            &url(&db, "sslmode=require"),
            &[],
            &[("TOKEN_ENCRYPTION_KEY", db.cipher_key())],
        );
        let addr = serve.addr;
        let health = crate::helpers::send(addr, "GET", "/healthz", &[]);
        let unauthorized = crate::helpers::send(
            addr,
            "GET",
            "/social-account",
            &[("embed-api-key", "key-unknown-0123456789")],
        );
        let others = "FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) \
                      WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()";
        let served = db.count(&format!("SELECT COUNT(*) AS n {others}"));
        let plain = db.count(&format!("SELECT COUNT(*) AS n {others} AND NOT s.ssl"));
        drop(serve);
        assert_eq!(health.status, 200, "{}", health.body);
        // The key lookup went through the pool: at least one of its connections is open.
        assert_eq!(unauthorized.status, 401, "{}", unauthorized.body);
        assert!(served >= 1, "serve holds no connection");
        assert_eq!(plain, 0, "{plain} of {served} connections unencrypted");
    }

    #[test]
    fn verify_ca_with_the_servers_certificate_connects() {
        let db = TestDb::new(Backend::Postgres);
        let root = server_certificate(&db);
        let verified = url(&db, &format!("sslmode=verify-ca&sslrootcert={root}"));
        let migrated = migrate(&verified);
        assert!(migrated.status.success(), "{}", text(&migrated.stderr));
        assert!(encrypted(&verified));
    }

    #[test]
    fn verify_ca_with_another_root_fails_readably() {
        let db = TestDb::new(Backend::Postgres);
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/unrelated-ca.pem");
        let refused = migrate(&url(&db, &format!("sslmode=verify-ca&sslrootcert={root}")));
        let err = text(&refused.stderr);
        assert_eq!(refused.status.code(), Some(1), "{err}");
        assert_eq!(
            err.trim_end(),
            format!(
                "error: cannot connect to postgres://postgres:***@127.0.0.1:5432/{}\
                 ?sslmode=verify-ca&sslrootcert={root}: connection to server at \"127.0.0.1\", \
                 port 5432 failed: SSL error: certificate verify failed",
                db.admin().1
            )
        );
        assert_eq!(text(&refused.stdout), "");
    }
}
