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
        .stream(TransactionFilter::new())
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
    assert_eq!(pages, ["page=0", "page=1", "page=2"]);
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
    assert_eq!(client.kyc().get(any.into()).await.unwrap().id, kyc.id);
    let page = client.kyc().list(&KycFilter::new()).await.unwrap();
    assert_eq!(page.content.len(), 1);

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
