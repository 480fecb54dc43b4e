//! The Flinks Connect `REDIRECT` event of the seed, verbatim.

use flinks_client::connect::ConnectRedirect;

use crate::common::fixture;

#[test]
fn the_seed_redirect_event_gives_the_login_id_and_tag() {
    let event = ConnectRedirect::parse(&fixture("seed_connect_redirect_event.json")).unwrap();
    assert_eq!(event.step, "REDIRECT");
    assert_eq!(event.institution.as_deref(), Some("FlinksCapital"));
    assert_eq!(
        event.login_id().unwrap().to_string(),
        "8b35f6c8-e7b6-41d3-98f8-08d68b7f8d31"
    );
    assert_eq!(event.tag().as_deref(), Some("YourTag"));
}

#[test]
fn a_url_without_a_guid_login_id_is_a_typed_error() {
    for json in [
        r#"{"step": "REDIRECT", "url": "https://example.com/thank-you?tag=x"}"#,
        r#"{"step": "REDIRECT", "url": "https://example.com/thank-you?loginId=abc"}"#,
    ] {
        let err = ConnectRedirect::parse(json)
            .unwrap()
            .login_id()
            .unwrap_err();
        assert!(err.is_validation(), "{err}");
    }
    assert!(ConnectRedirect::parse("{}").unwrap_err().is_validation());
}
