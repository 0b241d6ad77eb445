use crate::helpers::*;
use rocket::http::Status;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_api_route_is_documented_in_the_openapi_document() {
    let app = spawn_app(Backend::Sqlite).await;
    let r = app.api("GET", "/api/v1/openapi.json", None, None).await;
    assert_eq!(r.status, Status::Ok);
    assert_eq!(
        r.body["openapi"].as_str().unwrap().chars().next(),
        Some('3')
    );
    let paths = r.body["paths"].as_object().unwrap();
    for route in app.client.rocket().routes() {
        let uri = route.uri.path().to_string();
        if !uri.starts_with("/api/v1") {
            continue;
        }
        // Rocket writes `<id>`, OpenAPI `{id}`.
        let doc_path: String = uri.replace('<', "{").replace('>', "}");
        let op = paths
            .get(&doc_path)
            .unwrap_or_else(|| panic!("{doc_path} is not in openapi.json"));
        let method = route.method.as_str().to_lowercase();
        assert!(
            op.get(&method).is_some(),
            "{method} {doc_path} is not in openapi.json"
        );
    }
}
