//! Account and counterparty groups (paths and fields inferred).

use lynks_client::{AccountGroupId, AccountId, CounterpartyGroupId, CounterpartyId};
use wiremock::Mock;
use wiremock::matchers::{method, path};

use crate::common::{bearer, respond, setup};

#[tokio::test]
async fn account_groups_list_and_get() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/account-groups"))
        .and(bearer())
        .respond_with(respond(200, "inferred_account_groups_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let id = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
    Mock::given(method("GET"))
        .and(path(format!("/v2/account-groups/{id}")))
        .and(bearer())
        .respond_with(respond(200, "inferred_account_group_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let groups = client.account_groups().list().await.unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[1].id, AccountGroupId::new("7"));
    assert_eq!(groups[1].name.as_deref(), Some("Treasury"));
    assert!(groups[1].account_ids.is_empty());
    let group = client
        .account_groups()
        .get(&AccountGroupId::new(id))
        .await
        .unwrap();
    assert_eq!(group, groups[0]);
    assert_eq!(group.name.as_deref(), Some("Operations"));
    assert_eq!(
        group.description.as_deref(),
        Some("Day-to-day payment accounts")
    );
    assert_eq!(
        group.account_ids,
        [
            AccountId::new("0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b"),
            AccountId::new("314")
        ]
    );
}

#[tokio::test]
async fn counterparty_groups_list_and_get() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/counterparty-groups"))
        .and(bearer())
        .respond_with(respond(200, "inferred_counterparty_groups_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let id = "c0ffee00-1a2b-4c3d-8e4f-5a6b7c8d9e0f";
    Mock::given(method("GET"))
        .and(path(format!("/v2/counterparty-groups/{id}")))
        .and(bearer())
        .respond_with(respond(200, "inferred_counterparty_group_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let groups = client.counterparty_groups().list().await.unwrap();
    let group = client
        .counterparty_groups()
        .get(&CounterpartyGroupId::new(id))
        .await
        .unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0], group);
    assert_eq!(group.name.as_deref(), Some("Suppliers"));
    assert_eq!(group.description.as_deref(), Some("Approved suppliers"));
    assert_eq!(
        group.counterparty_ids,
        [CounterpartyId::new("7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11")]
    );
}
