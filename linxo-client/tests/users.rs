//! `POST /users`, `GET /users/{id}`, `GET /users/me`, `DELETE /users/{id}`.

use linxo_client::{Gender, NewUser, UserId};
use secrecy::SecretString;
use wiremock::matchers::{bearer_token, body_json, header, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::*;

#[tokio::test]
async fn create_posts_the_login_with_the_client_token_and_reads_the_location() {
    let server = server().await;
    mount_tokens(&server, Some(1), Some(0)).await;
    Mock::given(method("POST"))
        .and(path("/users"))
        .and(bearer_token(CLIENT_TOKEN))
        .and(header("content-type", "application/json"))
        .and(body_json(fixture_json(
            "schema_built_users_create_request.json",
        )))
        .respond_with(ResponseTemplate::new(201).insert_header("location", "/users/5120034"))
        .expect(1)
        .mount(&server)
        .await;
    let id = client(&server)
        .users()
        .create(&NewUser::new(
            "jean.martin@example.com",
            SecretString::from("Sim-pass-2024"),
        ))
        .await
        .unwrap();
    assert_eq!(id, UserId::from("5120034"));
}

#[tokio::test]
async fn create_reads_an_absolute_location() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("POST"))
        .and(path("/users"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("location", "https://api.example/v2.1/users/77/"),
        )
        .mount(&server)
        .await;
    let id = client(&server)
        .users()
        .create(&NewUser::new(USER_EMAIL, SecretString::from(USER_PASSWORD)))
        .await
        .unwrap();
    assert_eq!(id.as_str(), "77");
}

#[tokio::test]
async fn create_without_location_is_a_decode_error_not_a_retry() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("POST"))
        .and(path("/users"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .users()
        .create(&NewUser::new(USER_EMAIL, SecretString::from(USER_PASSWORD)))
        .await
        .unwrap_err();
    let banking_core::Error::Decode(decode) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(decode.path, "Location");
}

#[tokio::test]
async fn me_decodes_every_field() {
    let server = server().await;
    mount_tokens(&server, Some(0), Some(1)).await;
    me().and(bearer_token(USER_TOKEN))
        .and(header("accept", "application/json"))
        .respond_with(me_found())
        .expect(1)
        .mount(&server)
        .await;
    let user = user_client(&server).users().me().await.unwrap();
    assert_eq!(user.id.as_str(), "5120034");
    assert_eq!(user.email.as_deref(), Some("jean.martin@example.com"));
    assert_eq!(user.first_name.as_deref(), Some("Jean"));
    assert_eq!(user.last_name.as_deref(), Some("MARTIN"));
    assert_eq!(user.creation_date, Some(at(1_700_000_127)));
    assert_eq!(user.gender, Some(Gender::Male));
    assert_eq!(user.email_verified, Some(true));
    assert_eq!(
        user.birthdate.unwrap().date_naive().to_string(),
        "1989-01-01"
    );
    assert_eq!(user.address.unwrap().postcode.as_deref(), Some("69003"));
}

#[tokio::test]
async fn get_by_id_encodes_the_id_as_one_segment() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("GET"))
        .and(path("/users/5120034"))
        .and(bearer_token(USER_TOKEN))
        .respond_with(me_found())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/users/..%2Fadmin"))
        .respond_with(me_found())
        .expect(1)
        .mount(&server)
        .await;
    let client = user_client(&server);
    let user = client.users().get(&UserId::from("5120034")).await.unwrap();
    assert_eq!(user.email.as_deref(), Some("jean.martin@example.com"));
    client.users().get(&UserId::from("../admin")).await.unwrap();
}

#[tokio::test]
async fn delete_sends_delete_and_accepts_204() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("DELETE"))
        .and(path("/users/5120034"))
        .and(bearer_token(USER_TOKEN))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    user_client(&server)
        .users()
        .delete(&UserId::from("5120034"))
        .await
        .unwrap();
}

#[tokio::test]
async fn create_is_not_resent_but_reads_are_retried() {
    use banking_core::retry::RetryPolicy;
    use std::time::Duration;

    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("POST"))
        .and(path("/users"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    me().respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    me().respond_with(me_found()).expect(1).mount(&server).await;
    let mut policy = RetryPolicy::default();
    policy.initial_backoff = Duration::from_millis(1);
    policy.max_backoff = Duration::from_millis(5);
    let client = builder(&server).retry_policy(policy).build().unwrap();
    let err = client
        .users()
        .create(&NewUser::new(USER_EMAIL, SecretString::from(USER_PASSWORD)))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    let user = client
        .as_user(USER_EMAIL, SecretString::from(USER_PASSWORD))
        .unwrap();
    assert_eq!(user.users().me().await.unwrap().id.as_str(), "5120034");
}

#[tokio::test]
async fn per_call_options_apply_to_the_handle() {
    use banking_core::transport::CallOptions;
    use std::time::Duration;

    let server = server().await;
    mount_tokens(&server, None, None).await;
    me().respond_with(me_found().set_delay(Duration::from_millis(500)))
        .mount(&server)
        .await;
    let err = user_client(&server)
        .users()
        .with_options(CallOptions::new().timeout(Duration::from_millis(50)))
        .me()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
}

#[tokio::test]
async fn per_call_extra_headers_are_sent() {
    use banking_core::transport::CallOptions;

    let server = server().await;
    mount_tokens(&server, None, None).await;
    me().and(header("x-correlation-id", "corr-7"))
        .respond_with(me_found())
        .expect(1)
        .mount(&server)
        .await;
    user_client(&server)
        .users()
        .with_options(CallOptions::new().header("x-correlation-id", "corr-7"))
        .me()
        .await
        .unwrap();
}

#[tokio::test]
async fn an_idempotency_key_is_refused_before_sending() {
    use banking_core::transport::CallOptions;

    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("POST"))
        .and(path("/users"))
        .respond_with(ResponseTemplate::new(201))
        .expect(0)
        .mount(&server)
        .await;
    let err = builder(&server)
        .build()
        .unwrap()
        .users()
        .with_options(CallOptions::new().idempotency_key("create-jean"))
        .create(&NewUser::new(USER_EMAIL, SecretString::from(USER_PASSWORD)))
        .await
        .unwrap_err();
    assert!(err.is_validation(), "{err:?}");
    let banking_core::Error::Validation(v) = &err else {
        unreachable!()
    };
    assert_eq!(v.field, "idempotency_key");
}
