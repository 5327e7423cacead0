//! Kinds of API key, and which API each may call.

use crate::wire_enum::wire_enum;

wire_enum! {
    /// What a key is for. Every key has one kind, fixed when it is minted; each kind calls one
    /// API only ([`KeyKind::refused_by`]).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum KeyKind {
        /// The Embed API (`/social-account`, `/schedule`, `GET /`): a workspace's key, as the
        /// hosted service issues them. Every key made before kinds existed, and every imported
        /// key, is one.
        #[default]
        Embed = "embed",
        /// The operator API (`/operator/v1`): a deployment's own backend, connecting accounts
        /// and provisioning keys for one organization or the whole instance.
        Operator = "operator",
        /// The publisher API (`/publisher/v1`): workers taking due posts under a lease.
        Publisher = "publisher",
    }
}

/// The service's APIs, one per kind of key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// The PostNitro Embed API's endpoints, whose contract is fixed.
    Embed,
    /// `/operator/v1`.
    Operator,
    /// `/publisher/v1`.
    Publisher,
}

/// How an API answers a key of a kind it does not take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrongKind {
    /// Exactly as an unknown key (401): the Embed API, whose contract knows no kinds.
    AsUnknown,
    /// 403: the key is real, and of the wrong kind for this API.
    Forbidden,
}

impl KeyKind {
    /// The API a key of this kind calls.
    #[must_use]
    pub const fn api(self) -> Api {
        match self {
            Self::Embed => Api::Embed,
            Self::Operator => Api::Operator,
            Self::Publisher => Api::Publisher,
        }
    }

    /// Whether a key of this kind may have this owner: an Embed API key belongs to an
    /// organization (and sees one of its workspaces, once attached); an operator or publisher
    /// key belongs to an organization or to the whole instance, and sees no workspace. The one
    /// rule `keys create` and `POST /organizations/{org}/api-keys` both apply.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::KeyKind;
    ///
    /// assert!(KeyKind::Operator.check_owner(false, false).is_ok());
    /// assert!(KeyKind::Embed.check_owner(false, false).is_err());
    /// assert!(KeyKind::Publisher.check_owner(true, true).is_err());
    /// ```
    pub fn check_owner(
        self,
        has_organization: bool,
        has_workspace: bool,
    ) -> Result<(), &'static str> {
        match self {
            Self::Embed if !has_organization => Err("an embed key needs an organization"),
            Self::Operator | Self::Publisher if has_workspace => {
                Err("only an embed key is attached to a workspace")
            }
            _ => Ok(()),
        }
    }

    /// How `api` answers a key of this kind: `None` when it is the kind's own API.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::{Api, KeyKind, WrongKind};
    ///
    /// assert_eq!(KeyKind::Embed.refused_by(Api::Embed), None);
    /// assert_eq!(KeyKind::Operator.refused_by(Api::Embed), Some(WrongKind::AsUnknown));
    /// assert_eq!(KeyKind::Embed.refused_by(Api::Operator), Some(WrongKind::Forbidden));
    /// ```
    #[must_use]
    pub fn refused_by(self, api: Api) -> Option<WrongKind> {
        if self.api() == api {
            None
        } else if api == Api::Embed {
            Some(WrongKind::AsUnknown)
        } else {
            Some(WrongKind::Forbidden)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_calls_its_own_api_only() {
        let apis = [Api::Embed, Api::Operator, Api::Publisher];
        for kind in KeyKind::ALL {
            for api in apis {
                let expected = if kind.api() == api {
                    None
                } else if api == Api::Embed {
                    Some(WrongKind::AsUnknown)
                } else {
                    Some(WrongKind::Forbidden)
                };
                assert_eq!(kind.refused_by(api), expected, "{kind} on {api:?}");
            }
        }
        assert_eq!(
            KeyKind::ALL.map(KeyKind::api),
            [Api::Embed, Api::Operator, Api::Publisher],
            "one API per kind"
        );
        assert_eq!(KeyKind::default(), KeyKind::Embed);
        for (kind, org, ws, ok) in [
            (KeyKind::Embed, true, true, true),
            (KeyKind::Embed, true, false, true),
            (KeyKind::Embed, false, false, false),
            (KeyKind::Operator, false, false, true),
            (KeyKind::Operator, true, false, true),
            (KeyKind::Operator, true, true, false),
            (KeyKind::Publisher, false, true, false),
        ] {
            assert_eq!(kind.check_owner(org, ws).is_ok(), ok, "{kind} {org} {ws}");
        }
        assert_eq!(KeyKind::names(), "embed, operator, publisher");
    }
}
