//! What an Embed API caller sees: one workspace, and in it the accounts of the platforms the
//! deployment serves.

use crate::{Platform, Platforms, WorkspaceId};

/// The visibility of one Embed API request, resolved once from its key and the deployment's
/// `PLATFORMS`. Every repository method such a request reaches takes it and applies both
/// halves in the statement it already runs (`workspace_id = ? AND platform_type IN (…)`), so
/// an account of another workspace and one of a platform the deployment does not serve are
/// the same: not found. Never "load, then check".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// The one workspace the key is attached to; nothing outside it exists for the caller.
    pub workspace: WorkspaceId,
    /// The platforms served; accounts of any other platform are invisible, and the platform
    /// keys of responses (the list's groups, the settings objects) follow this order.
    pub platforms: Platforms,
}

impl Scope {
    /// Whether an account on `platform` is visible (its workspace aside).
    #[must_use]
    pub fn shows(&self, platform: Platform) -> bool {
        self.platforms.contains(platform)
    }

    /// Whether every platform is served, so a statement needs no platform filter at all.
    #[must_use]
    pub fn shows_every_platform(&self) -> bool {
        self.platforms.len() == Platform::ALL.len()
    }

    /// The served platforms' wire names, as the platform filter binds them.
    pub fn platform_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.platforms.iter().map(Platform::as_str)
    }
}
