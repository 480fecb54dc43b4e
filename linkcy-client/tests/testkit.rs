//! The simulator: flows an integrator relies on.

use futures::TryStreamExt;
use linkcy_client::testkit::{
    CONSUMER_PHONE, FIRST_SCA_ID, LinkcySimulator, PARTNER_NAME, PASSWORD, TRANSACTION_ID,
};
use linkcy_client::{
    BeneficiaryAccount, CardRuleRequest, CardRuleType, CorporateRelatedPatch,
    CreateBeneficiaryRequest, CreateCardProfileRequest, CreateCardRequest, CreateKycRequest,
    EnrolScaDeviceRequest, InterLedgerTransferRequest, KycConfiguration, KycFilter, KycStatus,
    LinkcyErrorCode, LinkcyErrorExt, LinkcyScaChallenge, LinkcyScaOutcome, LoginRequest, PartyType,
    PasswordResetRequest, PendingSca, RemoveScaDeviceRequest, ScaOptions, ScaStrategy,
    SimulateKycRequest, TransactionFilter,
};
use rust_decimal::Decimal;
use secrecy::SecretString;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::support::list_transactions;

/// The user approves the pending interaction on the simulator, then the
/// call is replayed with its SCA id.
async fn approve_and_complete<T: DeserializeOwned>(
    simulator: &LinkcySimulator,
    pending: PendingSca<T, LinkcyScaChallenge>,
) -> LinkcyScaOutcome<T> {
    let sca_id = pending.challenge().sca_id.clone();
    assert!(simulator.approve(&sca_id));
    pending.complete().await.unwrap()
}

/// How many items the first page of `resource`'s unfiltered list holds.
macro_rules! listed {
    ($resource:expr) => {
        $resource
            .list(&Default::default())
            .await
            .unwrap()
            .content
            .len()
    };
}

#[tokio::test]
async fn paging_across_three_pages() {
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    let all: Vec<_> = client
        .transactions()
        .stream(TransactionFilter::new().page_size(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 5);
    let pages: Vec<_> = simulator
        .server()
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/api/partner/transactions")
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        pages,
        [
            "page=0&pageSize=2",
            "page=1&pageSize=2",
            "page=2&pageSize=2"
        ]
    );
}

#[tokio::test]
async fn expired_token_then_refresh_then_login() {
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    list_transactions(&client).await.unwrap();
    assert_eq!((simulator.login_count(), simulator.refresh_count()), (1, 0));

    // The access token expires: 401, refresh, retried call succeeds.
    simulator.expire_tokens();
    list_transactions(&client).await.unwrap();
    assert_eq!((simulator.login_count(), simulator.refresh_count()), (1, 1));

    // Both tokens are gone: 401, refused refresh, new login, success.
    simulator.expire_tokens();
    simulator.revoke_refresh_tokens();
    let tx = client
        .transactions()
        .get(Uuid::parse_str(TRANSACTION_ID).unwrap().into())
        .await
        .unwrap();
    assert_eq!(tx.amount.to_string(), "1250.50");
    assert_eq!((simulator.login_count(), simulator.refresh_count()), (2, 1));
}

#[tokio::test]
async fn wrong_password_is_refused() {
    let simulator = LinkcySimulator::start().await;
    let client = simulator
        .client_builder()
        .credentials(linkcy_client::LinkcyCredentials::login(
            LoginRequest::partner("partner-admin", PARTNER_NAME, SecretString::from("wrong")),
        ))
        .build()
        .unwrap();
    let error = list_transactions(&client).await.unwrap_err();
    assert!(matches!(error, banking_core::Error::Auth(_)));
    assert_eq!(simulator.login_count(), 0);
}

#[tokio::test]
async fn end_user_login_and_unmatched_requests() {
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    let login = LoginRequest::consumer(CONSUMER_PHONE, PARTNER_NAME, SecretString::from(PASSWORD));
    let answer = client
        .auth()
        .login(&login, &ScaOptions::new())
        .await
        .unwrap()
        .done()
        .unwrap();
    assert!(answer.end_user_id.is_some());

    let raw = client
        .raw()
        .send(banking_core::transport::Request::get(
            "/api/partner/not-an-endpoint",
        ))
        .await
        .unwrap_err();
    assert_eq!(raw.status(), Some(599));
}

#[tokio::test]
async fn every_sca_operation_waits_then_completes() {
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    let none = ScaOptions::new();
    let ledger = Uuid::parse_str("b595c981-8a0f-4604-a66c-209d65193394").unwrap();
    let other = Uuid::parse_str("7280fced-5334-43dd-8913-9f06bb46b488").unwrap();

    let inter = InterLedgerTransferRequest::new(ledger.into(), other.into(), Decimal::new(1521, 2));
    let pending = client
        .transactions()
        .create_inter_ledger(&inter, &none)
        .await
        .unwrap()
        .pending()
        .unwrap();
    assert_eq!(pending.challenge().sca_id.as_str(), FIRST_SCA_ID);
    let created = approve_and_complete(&simulator, pending).await;
    assert!(created.done().is_some());

    let beneficiary = CreateBeneficiaryRequest::new(
        PartyType::Person,
        "Jane Doe",
        BeneficiaryAccount::Sepa {
            iban: "BE68539007547034".into(),
            bic: None,
        },
    );
    let pending = client
        .beneficiaries()
        .create(&beneficiary, &none)
        .await
        .unwrap()
        .pending()
        .unwrap();
    assert!(simulator.approve(&pending.challenge().sca_id));
    assert!(
        !simulator.approve(&pending.challenge().sca_id),
        "already approved"
    );
    assert!(pending.complete().await.unwrap().done().is_some());

    let card = CreateCardRequest::new(ledger.into(), other.into(), "JANE DOE");
    let pending = client
        .cards()
        .create(&card, &none)
        .await
        .unwrap()
        .pending()
        .unwrap();
    let created = approve_and_complete(&simulator, pending).await;
    assert!(created.done().is_some());

    let rule = CardRuleRequest::new(CardRuleType::TransactionMaxSpend, 250);
    let pending = client
        .cards()
        .set_rule(ledger.into(), &rule, &none)
        .await
        .unwrap()
        .pending()
        .unwrap();
    assert!(approve_and_complete(&simulator, pending).await.is_done());

    let missing = ScaOptions::new().strategy(ScaStrategy::DataSigning);
    let error = client.cards().create(&card, &missing).await.unwrap_err();
    assert_eq!(
        error.error_code(),
        Some(LinkcyErrorCode::ScaSignatureMissing)
    );
    let signed = missing.signature(SecretString::from("signed"));
    assert!(
        client
            .cards()
            .create(&card, &signed)
            .await
            .unwrap()
            .done()
            .is_some()
    );
}

#[tokio::test]
async fn every_plain_endpoint_answers() {
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    let any = Uuid::nil();
    assert_eq!(listed!(client.ledgers()), 1);
    assert!(
        client
            .ledgers()
            .get(any.into())
            .await
            .unwrap()
            .iban
            .is_some()
    );
    assert_eq!(listed!(client.beneficiaries()), 2);
    assert_eq!(listed!(client.mandates()), 2);
    assert!(
        client
            .mandates()
            .get(any.into())
            .await
            .unwrap()
            .debtor
            .is_some()
    );
    assert_eq!(
        client
            .mandates()
            .activate(any.into())
            .await
            .unwrap()
            .id
            .to_string(),
        TRANSACTION_ID
    );
    assert_eq!(
        client
            .mandates()
            .cancel(any.into())
            .await
            .unwrap()
            .id
            .to_string(),
        TRANSACTION_ID
    );
    assert_eq!(listed!(client.cards()), 2);
    assert!(
        client
            .cards()
            .get(any.into())
            .await
            .unwrap()
            .profile
            .is_some()
    );
    assert_eq!(listed!(client.consumers()), 1);
    assert_eq!(listed!(client.corporates()), 1);
    let missing = client.transactions().get(any.into()).await.unwrap_err();
    assert!(missing.is_not_found());
}

#[tokio::test]
async fn the_research_endpoints_answer() {
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    let any = Uuid::nil();

    client
        .passwords()
        .reset(&PasswordResetRequest::consumer(
            CONSUMER_PHONE,
            PARTNER_NAME,
        ))
        .await
        .unwrap();
    assert_eq!(
        simulator.login_count(),
        0,
        "a password reset needs no token"
    );

    let portal = client.webhook_portal().url().await.unwrap();
    assert_eq!(portal.url.host_str(), Some("app.svix.com"));
    assert!(
        client
            .consumers()
            .get(any.into())
            .await
            .unwrap()
            .kyc_info
            .is_some()
    );
    client
        .corporate_related()
        .patch(any.into(), &CorporateRelatedPatch::new().is_ubo(true))
        .await
        .unwrap();

    let kyc = client
        .kyc()
        .create(&CreateKycRequest::new(any.into(), KycConfiguration::link()))
        .await
        .unwrap();
    assert_eq!(kyc.status, Some(KycStatus::Created));
    client
        .kyc()
        .simulate(&SimulateKycRequest::new(any.into(), KycStatus::Validated))
        .await
        .unwrap();
    let kyc_id = kyc.id.unwrap();
    assert_eq!(client.kyc().get(kyc_id).await.unwrap().id, Some(kyc_id));
    // The fixture's request, then the one created.
    let page = client.kyc().list(&KycFilter::new()).await.unwrap();
    assert_eq!(page.content.len(), 2);
    assert_eq!(page.content[1].id, Some(kyc_id));

    let profile = client
        .card_profiles()
        .create(&CreateCardProfileRequest::new("Standard", any.into()))
        .await
        .unwrap();
    assert_eq!(profile.id.to_string(), TRANSACTION_ID);
    client
        .card_profiles()
        .set_rule(
            profile.id,
            &CardRuleRequest::new(CardRuleType::DailyMaxSpend, 50000),
        )
        .await
        .unwrap();

    let enrolment = client
        .sca_devices()
        .enrol(&EnrolScaDeviceRequest::new("endpoint-4f2a"))
        .await
        .unwrap();
    assert!(enrolment.join_code.is_some());
    client
        .sca_devices()
        .remove(&RemoveScaDeviceRequest::new(any.into()))
        .await
        .unwrap();
    assert_eq!(simulator.login_count(), 1);
}

/// The ids of every transaction `filter` lists, streamed page by page.
async fn streamed(client: &linkcy_client::LinkcyClient, filter: TransactionFilter) -> Vec<String> {
    client
        .transactions()
        .stream(filter)
        .map_ok(|t| t.id.to_string())
        .try_collect()
        .await
        .unwrap()
}

#[tokio::test]
async fn transaction_filters_leave_out_what_they_exclude() {
    use linkcy_client::{TransactionStatus, TransactionType};
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    // Of the five transactions, one is APPROVED and one PENDING.
    let page = client
        .transactions()
        .list(&TransactionFilter::new().status([TransactionStatus::Approved]))
        .await
        .unwrap();
    assert_eq!(page.total_elements, 1);
    assert_eq!(
        page.content[0].id.to_string(),
        "4f409e41-5d76-4088-8d6e-3ea09c405f04"
    );
    let either =
        TransactionFilter::new().status([TransactionStatus::Approved, TransactionStatus::Pending]);
    assert_eq!(streamed(&client, either).await.len(), 2);
    // The second ledger is on one side of two transactions.
    let ledger = "b595c981-8a0f-4604-a66c-209d65193394".parse().unwrap();
    assert_eq!(
        streamed(&client, TransactionFilter::new().ledger_id(ledger)).await,
        [
            "4f409e41-5d76-4088-8d6e-3ea09c405f04",
            "50511f52-6e87-4199-9e7f-4fb1ad516005"
        ]
    );
    let card_authorisations =
        TransactionFilter::new().transaction_types([TransactionType::CardAuthorization]);
    assert_eq!(streamed(&client, card_authorisations).await.len(), 1);
    // Hiding released and declined ones leaves three.
    let settled = TransactionFilter::new()
        .show_released_transaction(false)
        .show_declined_transaction(false);
    assert_eq!(streamed(&client, settled).await.len(), 3);
    let from_the_3rd = TransactionFilter::new()
        .start_date("2024-03-03T00:00:00".parse().unwrap())
        .end_date("2024-03-04T23:59:59".parse().unwrap());
    assert_eq!(
        streamed(&client, from_the_3rd).await,
        [
            "3e3f8d30-4c65-4f77-9c5d-2d9f8b3f4e03",
            "4f409e41-5d76-4088-8d6e-3ea09c405f04"
        ]
    );
}

#[tokio::test]
async fn other_lists_apply_their_filters() {
    use linkcy_client::{BeneficiaryFilter, BeneficiaryStatus, MandateFilter, MandateStatus};
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    let valid = client
        .beneficiaries()
        .list(&BeneficiaryFilter::new().status([BeneficiaryStatus::Valid]))
        .await
        .unwrap();
    assert_eq!(valid.content.len(), 1);
    assert_eq!(valid.content[0].full_name.as_deref(), Some("ACME SARL"));
    let named = client
        .beneficiaries()
        .list(&BeneficiaryFilter::new().name("smith"))
        .await
        .unwrap();
    assert_eq!(named.content[0].full_name.as_deref(), Some("John Smith"));
    assert_eq!(named.total_elements, 1);
    let hidden = client
        .beneficiaries()
        .list(&BeneficiaryFilter::new().display(false))
        .await
        .unwrap();
    assert_eq!(hidden.total_elements, 1);
    let activated = client
        .mandates()
        .list(&MandateFilter::new().status(MandateStatus::Activated))
        .await
        .unwrap();
    assert_eq!(activated.total_elements, 1);
    assert_eq!(
        activated.content[0].id.to_string(),
        "e5ecf1eb-c6bb-44bf-8a2e-d3b00442e4be"
    );
}

#[tokio::test]
async fn page_size_cuts_pages_and_a_stream_yields_each_item_once() {
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    let second = client
        .transactions()
        .list(&TransactionFilter::new().page_size(3).page(1))
        .await
        .unwrap();
    assert_eq!((second.page, second.page_size), (1, 3));
    assert_eq!(second.total_elements, 5);
    assert_eq!(second.content.len(), 2);
    assert_eq!(second.next_page(), None);
    let first = client
        .transactions()
        .list(&TransactionFilter::new().page_size(3))
        .await
        .unwrap();
    assert_eq!(first.content.len(), 3);
    assert_eq!(first.next_page(), Some(1));
    // Unsized: the default page of 20 holds them all.
    let all = client
        .transactions()
        .list(&TransactionFilter::new())
        .await
        .unwrap();
    assert_eq!((all.content.len(), all.page_size), (5, 20));
    for size in 1..=6 {
        let ids = streamed(&client, TransactionFilter::new().page_size(size)).await;
        let unique: std::collections::HashSet<_> = ids.iter().collect();
        assert_eq!((ids.len(), unique.len()), (5, 5), "page size {size}");
    }
}

#[tokio::test]
async fn created_items_are_listed_with_their_state() {
    use linkcy_client::{
        CreateLedgerRequest, CreateMandateRequest, LedgerFilter, LedgerStatus, LedgerType,
        LinkcyPage, Mandate, MandateFilter, MandateStatus, NewMandateDebtor, TransactionStatus,
    };
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    let by_pass = ScaOptions::new().strategy(ScaStrategy::ByPass);
    let from = "a2873d47-59a8-4daf-a325-cb2c04557dd7".parse().unwrap();
    let to = "b595c981-8a0f-4604-a66c-209d65193394".parse().unwrap();
    let transfer = InterLedgerTransferRequest::new(from, to, "12.30".parse().unwrap())
        .reference("Pocket money");
    let created = client
        .transactions()
        .create_inter_ledger(&transfer, &by_pass)
        .await
        .unwrap()
        .done()
        .unwrap();
    assert_ne!(created.id.to_string(), TRANSACTION_ID);

    let pending = TransactionFilter::new()
        .status([TransactionStatus::Pending])
        .ledger_id(to);
    let listed = client.transactions().list(&pending).await.unwrap();
    assert_eq!(listed.total_elements, 1);
    let kept = &listed.content[0];
    assert_eq!(kept.id, created.id);
    assert_eq!(kept.amount.to_string(), "12.30");
    assert_eq!(kept.status, Some(TransactionStatus::Pending));
    assert_eq!(kept.sender.as_ref().unwrap().ledger_id, Some(from));
    let fetched = client.transactions().get(created.id).await.unwrap();
    assert_eq!(fetched.id, created.id);
    let everything = client
        .transactions()
        .list(&TransactionFilter::new())
        .await
        .unwrap();
    assert_eq!(everything.total_elements, 6);

    let ledger = client
        .ledgers()
        .create(&CreateLedgerRequest::new(LedgerType::EurFrance).friendly_name("Savings"))
        .await
        .unwrap();
    let ledgers = client
        .ledgers()
        .list(&LedgerFilter::new().status([LedgerStatus::Pending]))
        .await
        .unwrap();
    assert_eq!(ledgers.total_elements, 2, "the fixture's and the new one");
    assert_eq!(ledgers.content[1].id, ledger.id);
    assert_eq!(ledgers.content[1].friendly_name.as_deref(), Some("Savings"));
    assert_eq!(client.ledgers().get(ledger.id).await.unwrap().id, ledger.id);

    let debtor =
        NewMandateDebtor::new(PartyType::Person, "Jane Doe", "FR1420041010050500013M02606");
    let mandate = client
        .mandates()
        .create(&CreateMandateRequest::new(debtor))
        .await
        .unwrap();
    let awaiting = MandateFilter::new().status(MandateStatus::AwaitingActivation);
    let ids =
        |page: LinkcyPage<Mandate>| page.content.into_iter().map(|m| m.id).collect::<Vec<_>>();
    assert!(ids(client.mandates().list(&awaiting).await.unwrap()).contains(&mandate.id));
    assert_eq!(
        client.mandates().activate(mandate.id).await.unwrap().id,
        mandate.id
    );
    assert!(!ids(client.mandates().list(&awaiting).await.unwrap()).contains(&mandate.id));
    let activated = MandateFilter::new().status(MandateStatus::Activated);
    assert!(ids(client.mandates().list(&activated).await.unwrap()).contains(&mandate.id));
    assert_eq!(
        client.mandates().get(mandate.id).await.unwrap().status,
        Some(MandateStatus::Activated)
    );
}

#[tokio::test]
async fn an_sca_create_is_kept_only_once_it_succeeds() {
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    let account = BeneficiaryAccount::Sepa {
        iban: "BE68539007547034".into(),
        bic: None,
    };
    let beneficiary = CreateBeneficiaryRequest::new(PartyType::Company, "Nouveau SA", account);
    let pending = client
        .beneficiaries()
        .create(&beneficiary, &ScaOptions::new())
        .await
        .unwrap()
        .pending()
        .unwrap();
    let count = || async {
        client
            .beneficiaries()
            .list(&Default::default())
            .await
            .unwrap()
            .total_elements
    };
    assert_eq!(count().await, 2, "nothing is kept while SCA is pending");
    let created = approve_and_complete(&simulator, pending)
        .await
        .done()
        .unwrap();
    let listed = client
        .beneficiaries()
        .list(&Default::default())
        .await
        .unwrap();
    assert_eq!(listed.total_elements, 3);
    assert_eq!(listed.content[2].id, created.id);
    assert_eq!(listed.content[2].full_name.as_deref(), Some("Nouveau SA"));
}
