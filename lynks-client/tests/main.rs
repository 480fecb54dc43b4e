//! Integration tests of the LYNKS client, one binary.
