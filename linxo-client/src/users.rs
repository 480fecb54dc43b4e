//! Users: the owners of connections, accounts and transactions.
//!
//! A user is created with a client token (scope `users_create`), then acts
//! through a user token obtained with its e-mail and password (seed,
//! "Client and user authentication"). Paths and fields: research notes
//! 2(d), 2(e) (third-party code linking the official operations `createUser`
//! and `getUser`, and third-party samples).

use banking_core::transport::Request;
use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::ids::UserId;
use crate::location;

/// Shortest password the SDK accepts when creating a user (seed: "We
/// recommend a password based on 6 characters minimum with at least one
/// letter and one number").
pub const MIN_PASSWORD_CHARS: usize = 6;

banking_core::wire_enum! {
    /// The user's gender. Only `MALE` was seen in samples; `FEMALE` is
    /// inferred.
    Gender {
        /// Male.
        Male = "MALE",
        /// Female.
        Female = "FEMALE",
    }
}

/// A postal address (only the postcode was seen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Address {
    /// The postcode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
}

/// A Linxo Connect user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct User {
    /// The user id.
    pub id: UserId,
    /// The e-mail, which is also the user's login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// When the user was created (epoch seconds on the wire).
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_date: Option<DateTime<Utc>>,
    /// Gender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Whether the e-mail was verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
    /// Date of birth, as midnight UTC of that day (epoch seconds on the
    /// wire).
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub birthdate: Option<DateTime<Utc>>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

/// The body of `POST /users`: the new user's login. Not `Serialize`, so the
/// password is only ever written into the request body.
#[derive(Debug, Clone)]
#[must_use]
pub struct NewUser {
    email: String,
    password: SecretString,
}

/// The wire form of [`NewUser`].
#[derive(Serialize)]
struct NewUserBody<'a> {
    email: &'a str,
    password: &'a str,
}

impl NewUser {
    /// A user logging in with `email` and `password`. Keep the password: the
    /// user token is obtained with it ([`LinxoClient::as_user`](crate::LinxoClient::as_user)).
    pub fn new(email: impl Into<String>, password: SecretString) -> Self {
        NewUser {
            email: email.into(),
            password,
        }
    }

    /// The e-mail.
    pub fn email(&self) -> &str {
        &self.email
    }

    /// Whether the password follows the seed's recommendation
    /// ([`MIN_PASSWORD_CHARS`] characters, a letter and a digit). The SDK
    /// does not enforce it: the docs recommend it, they do not require it,
    /// so a password that misses it still goes to Linxo, which decides.
    pub fn meets_password_recommendation(&self) -> bool {
        let password = self.password.expose_secret();
        password.chars().count() >= MIN_PASSWORD_CHARS
            && password.chars().any(char::is_alphabetic)
            && password.chars().any(|c| c.is_ascii_digit())
    }

    /// Checks the e-mail's shape and that a password is given.
    fn validate(&self) -> banking_core::Result<()> {
        let email = self.email.as_str();
        let shaped = email
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
            && !email.chars().any(|c| c.is_whitespace() || c.is_control());
        if !shaped {
            return Err(banking_core::Error::validation(
                "email",
                "must be an e-mail address (local@domain.tld)",
            ));
        }
        if self.password.expose_secret().is_empty() {
            return Err(banking_core::Error::validation(
                "password",
                "must not be empty",
            ));
        }
        Ok(())
    }
}

banking_core::resource_handle! {
    /// `client.users()`: create, get, me, delete.
    pub struct Users for crate::client::LinxoClient, "Linxo";
}

impl Users<'_> {
    /// `POST /users` (`createUser`, client mode with scope `users_create`).
    ///
    /// Linxo answers with an empty body and the new user's path in the
    /// `Location` header (`/users/{id}`); the id is its last segment. Not
    /// resent after it may have reached the server: a lost answer is
    /// [`banking_core::Error::OutcomeUnknown`].
    pub async fn create(&self, user: &NewUser) -> banking_core::Result<UserId> {
        user.validate()?;
        let body = NewUserBody {
            email: &user.email,
            password: user.password.expose_secret(),
        };
        let request = Request::post("/users").json(&body)?;
        let response = self.handle.send(request).await?;
        location::last_segment(&response)
            .map(UserId::from)
            .ok_or_else(|| location::missing(&response, "user"))
    }

    /// `GET /users/{user_id}` (`getUser`).
    pub async fn get(&self, user_id: &UserId) -> banking_core::Result<User> {
        self.handle
            .send_json(Request::get("/users/{user_id}").param("user_id", user_id))
            .await
    }

    /// `GET /users/me`: the user of the token (user mode).
    pub async fn me(&self) -> banking_core::Result<User> {
        self.handle.send_json(Request::get("/users/me")).await
    }

    /// `DELETE /users/{user_id}`: deletes the user and all their data
    /// (connections, accounts, transactions). Success status not published
    /// (any 2xx is success).
    pub async fn delete(&self, user_id: &UserId) -> banking_core::Result<()> {
        self.handle
            .send(Request::delete("/users/{user_id}").param("user_id", user_id))
            .await
            .map(drop)
    }
}
