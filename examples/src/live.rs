//! Real sandboxes, chosen from the environment: a provider whose required
//! variables are all set runs against its sandbox, one with none set stays
//! on its simulator, and one with only some set is a configuration error
//! that names the missing variables.
//!
//! | provider | required | optional |
//! |---|---|---|
//! | Linkcy | `LINKCY_USER`, `LINKCY_PARTNER`, `LINKCY_PASSWORD` | `LINKCY_BASE_URL` (default: the sandbox); `LINKCY_LEDGER_ID` and `LINKCY_BENEFICIARY_ID` to send the tour's transfer |
//! | FinqLink | `FINQLINK_HOST`, `FINQLINK_CLIENT_ID`, `FINQLINK_CLIENT_SECRET`, `FINQLINK_CONSENT_ID` | `FINQLINK_TOKEN_URL` (OAuth2; without it, the sandbox's body credentials) |
//! | Flinks | `FLINKS_CUSTOMER_ID`, `FLINKS_SECRET_KEY`, `FLINKS_LOGIN_ID` | `FLINKS_INSTANCE` (default `toolbox`), `FLINKS_API_KEY` |
//! | LYNKS | `LYNKS_TENANT`, `LYNKS_CLIENT_ID`, `LYNKS_USER`, `LYNKS_PASSWORD` | `LYNKS_CLIENT_SECRET` |
//! | Linxo | `LINXO_CLIENT_ID`, `LINXO_CLIENT_SECRET`, `LINXO_USERNAME`, `LINXO_PASSWORD` | `LINXO_BASE_URL` |
//!
//! The steps a user takes themselves are read, never faked: the FinqLink
//! consent the user gave at their bank (`FINQLINK_CONSENT_ID`), the login
//! a Flinks Connect session produced (`FLINKS_LOGIN_ID`), and a Linxo user
//! who already added a bank in the widget.

use banking_core::transport::Environment;
use finqlink_client::{ConsentId, Credentials, FinqLinkClient};
use flinks_client::FlinksClient;
use flinks_client::ids::{CustomerId, LoginId};
use linkcy_client::{BeneficiaryId, LedgerId, LinkcyClient, LinkcyCredentials, LoginRequest};
use linxo_client::LinxoClient;
use lynks_client::{LynksClient, LynksCredentials};
use secrecy::SecretString;

/// Every variable the quickstart reads, so a test can clear them all.
pub const VARIABLES: &[&str] = &[
    "LINKCY_USER",
    "LINKCY_PARTNER",
    "LINKCY_PASSWORD",
    "LINKCY_BASE_URL",
    "LINKCY_LEDGER_ID",
    "LINKCY_BENEFICIARY_ID",
    "FINQLINK_HOST",
    "FINQLINK_CLIENT_ID",
    "FINQLINK_CLIENT_SECRET",
    "FINQLINK_CONSENT_ID",
    "FINQLINK_TOKEN_URL",
    "FLINKS_CUSTOMER_ID",
    "FLINKS_SECRET_KEY",
    "FLINKS_LOGIN_ID",
    "FLINKS_INSTANCE",
    "FLINKS_API_KEY",
    "LYNKS_TENANT",
    "LYNKS_CLIENT_ID",
    "LYNKS_USER",
    "LYNKS_PASSWORD",
    "LYNKS_CLIENT_SECRET",
    "LINXO_CLIENT_ID",
    "LINXO_CLIENT_SECRET",
    "LINXO_USERNAME",
    "LINXO_PASSWORD",
    "LINXO_BASE_URL",
];

/// Where variables come from: the process environment, or a map in tests.
pub trait Vars {
    /// The variable's value; unset and empty are the same.
    fn get(&self, name: &str) -> Option<String>;
}

/// The process environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessEnv;

impl Vars for ProcessEnv {
    fn get(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
}

impl<F: Fn(&str) -> Option<String>> Vars for F {
    fn get(&self, name: &str) -> Option<String> {
        self(name).filter(|v| !v.is_empty())
    }
}

/// The values of `required`, all or none; some but not all is an error
/// naming the missing ones.
fn required<const N: usize>(
    vars: &dyn Vars,
    provider: &str,
    names: [&str; N],
) -> banking_core::Result<Option<[String; N]>> {
    let values = names.map(|name| vars.get(name));
    if values.iter().all(Option::is_none) {
        return Ok(None);
    }
    let missing: Vec<&str> = names
        .iter()
        .zip(&values)
        .filter(|(_, v)| v.is_none())
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        return Err(banking_core::Error::config(format!(
            "{provider} sandbox: {} not set (set all of {} or none)",
            missing.join(", "),
            names.join(", ")
        )));
    }
    Ok(Some(values.map(Option::unwrap_or_default)))
}

fn parse<T: std::str::FromStr>(vars: &dyn Vars, name: &str) -> banking_core::Result<Option<T>>
where
    T::Err: std::fmt::Display,
{
    vars.get(name)
        .map(|v| {
            v.parse()
                .map_err(|e| banking_core::Error::config(format!("{name}: {e}")))
        })
        .transpose()
}

fn environment(vars: &dyn Vars, name: &str) -> banking_core::Result<Environment> {
    Ok(parse(vars, name)?.map_or(Environment::Sandbox, Environment::Custom))
}

/// A Linkcy partner client, and the ledger and beneficiary of the tour's
/// transfer when both are given.
#[derive(Debug)]
pub struct LinkcyLive {
    /// The partner client.
    pub client: LinkcyClient,
    /// `LINKCY_LEDGER_ID` and `LINKCY_BENEFICIARY_ID`.
    pub transfer: Option<(LedgerId, BeneficiaryId)>,
}

/// Linkcy's sandbox (or `LINKCY_BASE_URL`), when its variables are set.
pub fn linkcy(vars: &dyn Vars) -> banking_core::Result<Option<LinkcyLive>> {
    let Some([user, partner, password]) = required(
        vars,
        "Linkcy",
        ["LINKCY_USER", "LINKCY_PARTNER", "LINKCY_PASSWORD"],
    )?
    else {
        return Ok(None);
    };
    let login = LoginRequest::partner(user, partner, SecretString::from(password));
    let client = LinkcyClient::builder()
        .credentials(LinkcyCredentials::login(login))
        .environment(environment(vars, "LINKCY_BASE_URL")?)
        .build()?;
    let transfer = match (
        parse(vars, "LINKCY_LEDGER_ID")?,
        parse(vars, "LINKCY_BENEFICIARY_ID")?,
    ) {
        (Some(ledger), Some(beneficiary)) => Some((ledger, beneficiary)),
        (None, None) => None,
        _ => {
            return Err(banking_core::Error::config(
                "Linkcy sandbox: set both LINKCY_LEDGER_ID and LINKCY_BENEFICIARY_ID, or neither",
            ));
        }
    };
    Ok(Some(LinkcyLive { client, transfer }))
}

/// A FinqLink client and the consent the user already gave.
#[derive(Debug)]
pub struct FinqLinkLive {
    /// The client.
    pub client: FinqLinkClient,
    /// `FINQLINK_CONSENT_ID`.
    pub consent: ConsentId,
}

/// FinqLink's sandbox on your host (`FINQLINK_HOST`, e.g.
/// `https://your-env.finqware.com`: FinqLink gives each API client its
/// own), when its variables are set: OAuth2 with
/// `FINQLINK_TOKEN_URL` (FinqLink does not publish its token endpoint),
/// otherwise the body credentials of the sandbox quick start.
pub fn finqlink(vars: &dyn Vars) -> banking_core::Result<Option<FinqLinkLive>> {
    let Some([host, client_id, secret, consent]) = required(
        vars,
        "FinqLink",
        [
            "FINQLINK_HOST",
            "FINQLINK_CLIENT_ID",
            "FINQLINK_CLIENT_SECRET",
            "FINQLINK_CONSENT_ID",
        ],
    )?
    else {
        return Ok(None);
    };
    let consent = consent
        .parse()
        .map_err(|e| banking_core::Error::config(format!("FINQLINK_CONSENT_ID: {e}")))?;
    let secret = SecretString::from(secret);
    let credentials = match parse(vars, "FINQLINK_TOKEN_URL")? {
        Some(url) => Credentials::oauth2(url, client_id, secret),
        None => Credentials::test_mode(client_id, secret),
    };
    let host = host
        .parse()
        .map_err(|e| banking_core::Error::config(format!("FINQLINK_HOST: {e}")))?;
    let client = FinqLinkClient::builder()
        .environment(finqlink_client::Environment::Sandbox)
        .host(host)
        .credentials(credentials)
        .build()?;
    Ok(Some(FinqLinkLive { client, consent }))
}

/// A Flinks client and the login a Connect session produced.
#[derive(Debug)]
pub struct FlinksLive {
    /// The client.
    pub client: FlinksClient,
    /// `FLINKS_LOGIN_ID`.
    pub login: LoginId,
}

/// Flinks' sandbox instance (`toolbox` unless `FLINKS_INSTANCE`), when its
/// variables are set.
pub fn flinks(vars: &dyn Vars) -> banking_core::Result<Option<FlinksLive>> {
    let Some([customer, secret, login]) = required(
        vars,
        "Flinks",
        ["FLINKS_CUSTOMER_ID", "FLINKS_SECRET_KEY", "FLINKS_LOGIN_ID"],
    )?
    else {
        return Ok(None);
    };
    let customer: CustomerId = customer
        .parse()
        .map_err(|e| banking_core::Error::config(format!("FLINKS_CUSTOMER_ID: {e}")))?;
    let login = login
        .parse()
        .map_err(|e| banking_core::Error::config(format!("FLINKS_LOGIN_ID: {e}")))?;
    let mut builder = FlinksClient::builder()
        .customer_id(customer)
        .secret_key(SecretString::from(secret));
    if let Some(instance) = vars.get("FLINKS_INSTANCE") {
        builder = builder.instance(instance);
    }
    if let Some(key) = vars.get("FLINKS_API_KEY") {
        builder = builder.api_key(SecretString::from(key));
    }
    Ok(Some(FlinksLive {
        client: builder.build()?,
        login,
    }))
}

/// A LYNKS client for the tenant's sandbox, when its variables are set.
pub fn lynks(vars: &dyn Vars) -> banking_core::Result<Option<LynksClient>> {
    let Some([tenant, client_id, user, password]) = required(
        vars,
        "LYNKS",
        [
            "LYNKS_TENANT",
            "LYNKS_CLIENT_ID",
            "LYNKS_USER",
            "LYNKS_PASSWORD",
        ],
    )?
    else {
        return Ok(None);
    };
    let mut credentials = LynksCredentials::new(client_id, user, SecretString::from(password));
    if let Some(secret) = vars.get("LYNKS_CLIENT_SECRET") {
        credentials = credentials.client_secret(SecretString::from(secret));
    }
    LynksClient::builder()
        .tenant(tenant)
        .credentials(credentials)
        .build()
        .map(Some)
}

/// A Linxo client in user mode for a user who already added a bank in the
/// widget (or `LINXO_BASE_URL`), when its variables are set.
pub fn linxo(vars: &dyn Vars) -> banking_core::Result<Option<LinxoClient>> {
    let Some([client_id, secret, username, password]) = required(
        vars,
        "Linxo",
        [
            "LINXO_CLIENT_ID",
            "LINXO_CLIENT_SECRET",
            "LINXO_USERNAME",
            "LINXO_PASSWORD",
        ],
    )?
    else {
        return Ok(None);
    };
    LinxoClient::builder()
        .environment(environment(vars, "LINXO_BASE_URL")?)
        .client_credentials(client_id, SecretString::from(secret))
        .user(username, SecretString::from(password))
        .build()
        .map(Some)
}

/// The providers whose sandbox the variables select, in the quickstart's
/// order; the first configuration error otherwise.
pub fn selected(vars: &dyn Vars) -> banking_core::Result<Vec<&'static str>> {
    let mut live = Vec::new();
    for (name, on) in [
        ("Linkcy", linkcy(vars)?.is_some()),
        ("FinqLink", finqlink(vars)?.is_some()),
        ("Flinks", flinks(vars)?.is_some()),
        ("LYNKS", lynks(vars)?.is_some()),
        ("Linxo", linxo(vars)?.is_some()),
    ] {
        if on {
            live.push(name);
        }
    }
    Ok(live)
}

/// The first line of each provider's tour: where it runs.
pub fn mode_line(live: bool) -> String {
    if live {
        "against the live sandbox".to_owned()
    } else {
        "against the offline simulator".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name: &str| map.get(name).cloned()
    }

    const FLINKS: [(&str, &str); 3] = [
        ("FLINKS_CUSTOMER_ID", "43387ca6-0391-4c82-857d-70d95f087ecb"),
        ("FLINKS_SECRET_KEY", "a-secret"),
        ("FLINKS_LOGIN_ID", "5e115eac-1209-4f19-641c-08d6d484e2fe"),
    ];

    #[test]
    fn nothing_set_keeps_every_provider_offline() {
        assert!(selected(&vars(&[])).unwrap().is_empty());
    }

    #[test]
    fn empty_values_count_as_unset() {
        let v = vars(&[("LINXO_CLIENT_ID", ""), ("LYNKS_TENANT", "")]);
        assert!(selected(&v).unwrap().is_empty());
    }

    #[test]
    fn one_complete_provider_goes_live_and_the_others_stay_offline() {
        assert_eq!(selected(&vars(&FLINKS)).unwrap(), ["Flinks"]);
        let mut both = FLINKS.to_vec();
        both.extend([
            ("LINXO_CLIENT_ID", "id"),
            ("LINXO_CLIENT_SECRET", "secret"),
            ("LINXO_USERNAME", "user@example.com"),
            ("LINXO_PASSWORD", "pw"),
        ]);
        assert_eq!(selected(&vars(&both)).unwrap(), ["Flinks", "Linxo"]);
    }

    #[test]
    fn every_provider_goes_live_with_its_required_variables() {
        let v = vars(&[
            ("LINKCY_USER", "u"),
            ("LINKCY_PARTNER", "p"),
            ("LINKCY_PASSWORD", "pw"),
            ("FINQLINK_HOST", "https://demo-env.finqware.com"),
            ("FINQLINK_CLIENT_ID", "id"),
            ("FINQLINK_CLIENT_SECRET", "secret"),
            (
                "FINQLINK_CONSENT_ID",
                "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            ),
            FLINKS[0],
            FLINKS[1],
            FLINKS[2],
            ("LYNKS_TENANT", "demo"),
            ("LYNKS_CLIENT_ID", "id"),
            ("LYNKS_USER", "u"),
            ("LYNKS_PASSWORD", "pw"),
            ("LINXO_CLIENT_ID", "id"),
            ("LINXO_CLIENT_SECRET", "secret"),
            ("LINXO_USERNAME", "u"),
            ("LINXO_PASSWORD", "pw"),
        ]);
        assert_eq!(
            selected(&v).unwrap(),
            ["Linkcy", "FinqLink", "Flinks", "LYNKS", "Linxo"]
        );
    }

    #[test]
    fn a_partial_set_names_the_missing_variables() {
        let v = vars(&[("FINQLINK_CLIENT_ID", "id")]);
        let err = selected(&v).unwrap_err().to_string();
        assert!(err.contains("FinqLink"), "{err}");
        assert!(
            err.contains("FINQLINK_HOST, FINQLINK_CLIENT_SECRET, FINQLINK_CONSENT_ID not set"),
            "{err}"
        );
        let v = vars(&[("LYNKS_TENANT", "t"), ("LYNKS_PASSWORD", "pw")]);
        let err = selected(&v).unwrap_err().to_string();
        assert!(err.contains("LYNKS_CLIENT_ID, LYNKS_USER not set"), "{err}");
    }

    #[test]
    fn a_malformed_id_is_named_and_no_secret_is_shown() {
        let v = vars(&[
            FLINKS[0],
            ("FLINKS_SECRET_KEY", "super-secret-value"),
            ("FLINKS_LOGIN_ID", "not-a-guid"),
        ]);
        let err = flinks(&v).unwrap_err().to_string();
        assert!(err.contains("FLINKS_LOGIN_ID"), "{err}");
        assert!(!err.contains("super-secret-value"), "{err}");
    }

    #[test]
    fn the_linkcy_transfer_needs_both_ids() {
        let base = [
            ("LINKCY_USER", "u"),
            ("LINKCY_PARTNER", "p"),
            ("LINKCY_PASSWORD", "pw"),
        ];
        assert!(linkcy(&vars(&base)).unwrap().unwrap().transfer.is_none());
        let mut one = base.to_vec();
        one.push(("LINKCY_LEDGER_ID", "b595c981-8a0f-4604-a66c-209d65193394"));
        let err = linkcy(&vars(&one)).unwrap_err().to_string();
        assert!(err.contains("LINKCY_BENEFICIARY_ID"), "{err}");
    }

    #[test]
    fn every_variable_read_is_listed() {
        let read = std::cell::RefCell::new(Vec::new());
        let spy = |name: &str| {
            read.borrow_mut().push(name.to_owned());
            Some("x".to_owned())
        };
        // Invalid values stop each provider early; read them one by one.
        let _ = linkcy(&spy);
        let _ = finqlink(&spy);
        let _ = flinks(&spy);
        let _ = lynks(&spy);
        let _ = linxo(&spy);
        for name in read.borrow().iter() {
            assert!(VARIABLES.contains(&name.as_str()), "{name} not listed");
        }
    }
}
