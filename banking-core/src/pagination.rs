//! Lazy pagination over page-number, keyset, offset and next-URL cursors.
