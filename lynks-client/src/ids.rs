//! Typed identifiers of LYNKS resources.
//!
//! The docs say creates answer "an array of resource IDs" but not what an ID
//! looks like (research notes 1(e): "probably strings or UUIDs", inferred).
//! Every id here is therefore an opaque string that also decodes from a
//! JSON integer (banking-core's `string_id!`). The answer to a create, which
//! may already have moved money, is read through [`NewIds`], which also
//! takes an object with an `id` member (`{"id": "..."}`), so it decodes
//! whichever of these forms the server uses. Ids inside a resource (an
//! `id` field, a `counterpartyId`) are plain strings or integers. Ids go
//! into paths through banking-core, which percent-encodes them as one
//! segment.

use serde::{Deserialize, Deserializer};

banking_core::string_id! {
    /// The id of a counterparty account.
    CounterpartyId
}
banking_core::string_id! {
    /// The id of an ordering party account (one of your own bank accounts).
    AccountId
}
banking_core::string_id! {
    /// The id of a credit transfer.
    CreditTransferId
}
banking_core::string_id! {
    /// The id of a direct debit.
    DirectDebitId
}
banking_core::string_id! {
    /// The id of a group of ordering party accounts.
    AccountGroupId
}
banking_core::string_id! {
    /// The id of a group of counterparties.
    CounterpartyGroupId
}
banking_core::string_id! {
    /// The id of a payment category.
    PaymentCategoryId
}
banking_core::string_id! {
    /// The id of a statement transaction entry.
    TransactionId
}
banking_core::string_id! {
    /// The id of an invoice.
    InvoiceId
}
banking_core::string_id! {
    /// The id of a credit note.
    CreditNoteId
}

/// The answer to a create: the new ids, in the server's order.
#[derive(Debug)]
pub(crate) struct NewIds<T>(pub(crate) Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for NewIds<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let ids = Vec::<NewId<T>>::deserialize(d)?;
        Ok(NewIds(ids.into_iter().map(NewId::into_id).collect()))
    }
}

/// One id of a create answer: the id itself, or an object whose `id`
/// member holds it (other members are ignored).
#[derive(Deserialize)]
#[serde(untagged, expecting = "an id (string, integer or object with an id)")]
enum NewId<T> {
    Id(T),
    Object { id: Box<NewId<T>> },
}

impl<T> NewId<T> {
    fn into_id(self) -> T {
        match self {
            NewId::Id(id) => id,
            NewId::Object { id } => id.into_id(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_decode_from_strings_and_integers() {
        let ids: Vec<CounterpartyId> =
            serde_json::from_str(r#"["7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11", 42]"#).unwrap();
        assert_eq!(ids[0].as_str(), "7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11");
        assert_eq!(ids[1], CounterpartyId::new("42"));
        assert_eq!(serde_json::to_string(&ids[1]).unwrap(), r#""42""#);
        assert!(serde_json::from_str::<AccountId>("1.5").is_err());
        assert!(serde_json::from_str::<AccountId>("null").is_err());
    }

    #[test]
    fn create_answers_also_decode_from_objects_with_an_id() {
        let NewIds(ids) = serde_json::from_str::<NewIds<CreditTransferId>>(
            r#"["t-0",7,{"id":"t-1","status":"DRAFT"},{"ref":"x","id":8}]"#,
        )
        .unwrap();
        assert_eq!(
            ids,
            ["t-0", "7", "t-1", "8"].map(CreditTransferId::new).to_vec()
        );
        let one = |json: &str| serde_json::from_str::<NewIds<AccountId>>(&format!("[{json}]"));
        assert!(one(r#"{"ref":"x"}"#).is_err());
        assert_eq!(
            one(r#"{"id":{"id":"nested"}}"#).unwrap().0[0].as_str(),
            "nested"
        );
        assert!(one("1.5").is_err());
        assert!(one("null").is_err());
        assert!(
            one("{}")
                .unwrap_err()
                .to_string()
                .contains("an id (string, integer or object with an id)")
        );
    }
}
