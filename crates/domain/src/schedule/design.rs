//! Designs: what a scheduled post publishes (a carousel, an image...). Made in the hosted
//! product's editor; here they come from the import file and are only referred to.

use crate::DesignId;

/// A design of a workspace, as a scheduled post shows it in `designDetails`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Design {
    /// Its id, which a post's `designId` names.
    pub id: DesignId,
    /// Its name, for people.
    pub name: String,
    /// What kind of design it is (`carousel`, ...): free text, shown as stored.
    pub design_type: String,
    /// Where it was made (`editor`, ...): free text, shown as stored.
    pub source: String,
}
