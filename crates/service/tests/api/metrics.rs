//! `GET /metrics`: requests by route pattern and status, latency, pool connections.

use social_accounts_storage::Backend;

use crate::fixtures::KEY_A1;
use crate::helpers::TestApp;

fn metrics_count_requests_by_route_and_status(backend: Backend) {
    let app = TestApp::spawn(backend);
    for _ in 0..2 {
        assert_eq!(app.get("/social-account", KEY_A1).status, 200);
    }
    assert_eq!(app.get("/social-account/nope", KEY_A1).status, 404);
    assert_eq!(app.get("/social-account", "key-unknown-000000").status, 401);
    let metrics = app.request("GET", "/metrics", &[]);
    assert_eq!(metrics.status, 200);
    assert!(
        metrics
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/openmetrics-text"))
    );
    let body = &metrics.body;
    for line in [
        r#"http_requests_total{method="GET",route="/social-account",status="200"} 2"#,
        r#"http_requests_total{method="GET",route="/social-account",status="401"} 1"#,
        r#"http_requests_total{method="GET",route="/social-account/{id}",status="404"} 1"#,
        r#"http_request_duration_seconds_count{route="/social-account"} 3"#,
        r#"db_pool_connections{state="max"} 4"#,
    ] {
        assert!(
            body.lines().any(|l| l == line),
            "{line} missing from:\n{body}"
        );
    }
    assert!(
        !body.contains("nope") && !body.contains(KEY_A1),
        "ids or keys in labels"
    );
}

social_accounts_storage::on_both_backends!(metrics_count_requests_by_route_and_status);
