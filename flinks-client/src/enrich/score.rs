//! `POST insight/login/{loginId}/score/{requestId}`: Flinks' legacy credit
//! score of a login for a loan amount.
//!
//! Known only from Flinks' own C# SDK (research notes `[SDK-CS]`): body
//! `{LoanAmount, UserPersonalInformation{FirstName, LastName, Sex,
//! BirthDate, Email, SocialInsuranceNumber, Address}}`, answer `{Score,
//! Login}`. The `x-api-key` credential (that of the other Enrich calls), the
//! `YYYY-MM-DD` birth date and the members of `Address` (those of the
//! Connect holder address) are inferred.

use banking_core::Result;
use banking_core::transport::Request;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use secrecy::{ExposeSecret, SecretString};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use super::Enrich;
use crate::ids::{LoginId, RequestId};
use crate::login::Login;

const PATH: &str = "insight/login/{loginId}/score/{requestId}";

banking_core::wire_enum! {
    /// `Sex` as the C# SDK spells it.
    Sex {
        /// `Male`.
        Male = "Male",
        /// `Female`.
        Female = "Female",
    }
}

/// The applicant's address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct ScoreAddress {
    /// Street address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub civic_address: Option<String>,
    /// City.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Province (`ON`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// Postal code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Country (`CA`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

impl ScoreAddress {
    /// An address from its parts.
    pub fn new(
        civic_address: impl Into<String>,
        city: impl Into<String>,
        province: impl Into<String>,
        postal_code: impl Into<String>,
        country: impl Into<String>,
    ) -> Self {
        Self {
            civic_address: Some(civic_address.into()),
            city: Some(city.into()),
            province: Some(province.into()),
            postal_code: Some(postal_code.into()),
            country: Some(country.into()),
        }
    }
}

/// `UserPersonalInformation`. The social insurance number is a secret:
/// it is sent, never printed.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct PersonalInformation {
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Sex.
    pub sex: Option<Sex>,
    /// Birth date.
    pub birth_date: Option<NaiveDate>,
    /// Email.
    pub email: Option<String>,
    /// Social insurance number.
    pub social_insurance_number: Option<SecretString>,
    /// Address.
    pub address: Option<ScoreAddress>,
}

impl PersonalInformation {
    /// The applicant's name; set the other members as needed.
    pub fn new(first_name: impl Into<String>, last_name: impl Into<String>) -> Self {
        Self {
            first_name: Some(first_name.into()),
            last_name: Some(last_name.into()),
            ..Self::default()
        }
    }
}

impl Serialize for PersonalInformation {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("UserPersonalInformation", 7)?;
        macro_rules! field {
            ($name:literal, $value:expr) => {
                match $value {
                    Some(value) => s.serialize_field($name, value)?,
                    None => s.skip_field($name)?,
                }
            };
        }
        field!("FirstName", &self.first_name);
        field!("LastName", &self.last_name);
        field!("Sex", &self.sex);
        field!("BirthDate", &self.birth_date.map(|d| d.to_string()));
        field!("Email", &self.email);
        field!(
            "SocialInsuranceNumber",
            &self
                .social_insurance_number
                .as_ref()
                .map(|sin| sin.expose_secret().to_owned())
        );
        field!("Address", &self.address);
        s.end()
    }
}

/// The body of the score request.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ScoreRequest {
    #[serde(skip)]
    login_id: LoginId,
    #[serde(skip)]
    request_id: RequestId,
    #[serde(with = "banking_core::money::wire::exact_number")]
    loan_amount: Decimal,
    user_personal_information: PersonalInformation,
}

impl ScoreRequest {
    /// A score of `login_id` in session `request_id` for a loan of
    /// `loan_amount`.
    pub fn new(
        login_id: LoginId,
        request_id: RequestId,
        loan_amount: Decimal,
        applicant: PersonalInformation,
    ) -> Self {
        Self {
            login_id,
            request_id,
            loan_amount,
            user_personal_information: applicant,
        }
    }
}

/// The answer: `{Score, Login}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Score {
    /// The score, exactly as sent.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub score: Option<Decimal>,
    /// The login.
    #[serde(default)]
    pub login: Option<Login>,
}

impl Enrich<'_> {
    /// `POST insight/login/{loginId}/score/{requestId}`: computes the score
    /// from data Flinks holds (a read: retried on server errors).
    pub async fn score(&self, request: &ScoreRequest) -> Result<Score> {
        let http = Request::post(PATH)
            .param("loginId", request.login_id)
            .param("requestId", request.request_id)
            .json(request)?
            .read_only()
            .auth(self.handle.client().api_key_auth("score")?);
        self.handle.send_json(http).await
    }
}
