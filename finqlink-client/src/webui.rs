//! FinqLink WebUI options shared by payment links and consents.

banking_core::wire_enum! {
    /// A WebUI template (`options.ux_template`, v2), overriding the template
    /// configured for the API client.
    ///
    /// The changelog announces seven templates but lists six; the seventh
    /// can be sent as [`UxTemplate::Unknown`].
    UxTemplate {
        /// Standard/legacy FinqLink layout.
        Default = "default",
        /// Traditional banking interface.
        Classic = "classic",
        /// Minimal, space-efficient layout.
        Compact = "compact",
        /// Card-based provider selection.
        Cards = "cards",
        /// Glassmorphism design with blur effects.
        Glass = "glass",
        /// Bottom-sheet, mobile-first design.
        Sheet = "sheet",
    }
}
