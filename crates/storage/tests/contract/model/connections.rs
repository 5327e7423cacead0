//! The model's connections, as the operator API makes them: a connect of a platform account
//! new to its workspace makes an account; of one there already, a reconnect that keeps the
//! id, the links and the usage and makes the token active; a refresh makes it active too; an
//! operator may mark a token revoked. Checked after every step against the store.

use social_accounts_domain::repository::ConnectionRepository;
use social_accounts_domain::{
    AccessTokenStatus, AccountPatch, AccountType, Actor, Connect, Connected, Platform, Reach,
    SocialAccountId, Timestamp, TokenSecret, Tokens, WorkspaceId,
};
use social_accounts_storage::Store;

use super::{Account, Model};

/// How many platform accounts a workspace may connect (few, so reconnects are common).
pub const EXTERNAL_IDS: usize = 3;

fn tokens(access: &str) -> Tokens {
    Tokens {
        access_token: TokenSecret::new(access.to_owned()),
        refresh_token: None,
        expires_at: None,
    }
}

/// Connects platform account `external` to `ws`, with an access token naming the step.
pub fn connect(store: &Store, model: &mut Model, ws: usize, external: usize) {
    let step = model.steps;
    let connect = Connect {
        id: None,
        platform: Platform::Linkedin,
        account_type: AccountType::Personal,
        account_handle: format!("handle-{step}"),
        account_name: "n".to_owned(),
        account_logo: None,
        external_id: format!("urn:li:person:{external}"),
        tokens: tokens(&format!("token-{step}")),
    };
    let workspace = WorkspaceId::parse(&format!("ws{ws}")).unwrap();
    let outcome = store
        .connect(
            &Reach::Instance,
            &workspace,
            &connect,
            &Actor::cli(),
            Timestamp::now(),
        )
        .unwrap();
    let existing = model
        .accounts
        .iter()
        .position(|a| a.ws == ws && !a.deleted && a.external == Some(external));
    let index = match (outcome, existing) {
        (Connected::Reconnected(account), Some(index)) => {
            assert_eq!(
                account.account.id.as_str(),
                model.accounts[index].id,
                "same id"
            );
            model.accounts[index].revoked = false;
            index
        }
        (Connected::New(account), None) => {
            model.accounts.push(Account {
                id: account.account.id.into_string(),
                ws,
                links: Vec::new(),
                deleted: false,
                external: Some(external),
                revoked: false,
            });
            model.accounts.len() - 1
        }
        (outcome, existing) => {
            panic!("connect {external} to ws{ws}: {outcome:?}, model {existing:?}")
        }
    };
    model.tokens.insert(index, format!("token-{step}"));
}

/// Refreshes the `pick`-th account's tokens: found (and active after) unless deleted.
pub fn refresh(store: &Store, model: &mut Model, pick: usize) {
    let Some(index) = model.pick(pick) else {
        return;
    };
    let step = model.steps;
    let id = SocialAccountId::parse(&model.accounts[index].id).unwrap();
    let found = store
        .refresh_tokens(
            &Reach::Instance,
            &id,
            &tokens(&format!("token-{step}")),
            &Actor::cli(),
            Timestamp::now(),
        )
        .unwrap();
    assert_eq!(
        found.is_some(),
        !model.accounts[index].deleted,
        "refresh {id}"
    );
    if found.is_some() {
        model.accounts[index].revoked = false;
        model.tokens.insert(index, format!("token-{step}"));
    }
}

/// Marks the `pick`-th account's token revoked, as an operator does.
pub fn revoke(store: &Store, model: &mut Model, pick: usize) {
    let Some(index) = model.pick(pick) else {
        return;
    };
    let id = SocialAccountId::parse(&model.accounts[index].id).unwrap();
    let patch = AccountPatch {
        access_token_status: Some(AccessTokenStatus::Revoked),
        ..AccountPatch::default()
    };
    let found = store
        .update_account(
            &Reach::Instance,
            &id,
            &patch,
            &Actor::cli(),
            Timestamp::now(),
        )
        .unwrap();
    assert_eq!(
        found.is_some(),
        !model.accounts[index].deleted,
        "revoke {id}"
    );
    if found.is_some() {
        model.accounts[index].revoked = true;
    }
}

/// Every live account reads as the model says: its token's status, its platform id, its
/// usage (the Embed API's count) and the token last given to it.
pub fn check(store: &Store, db: &social_accounts_storage::testing::TestDb, model: &Model) {
    let now = Timestamp::now();
    for (index, account) in model
        .accounts
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.deleted)
    {
        let id = SocialAccountId::parse(&account.id).unwrap();
        let (found, usage) = store
            .connected_account(&Reach::Instance, &id, now)
            .unwrap()
            .unwrap_or_else(|| panic!("{} is live", account.id));
        let status = if account.revoked {
            AccessTokenStatus::Revoked
        } else {
            AccessTokenStatus::Active
        };
        assert_eq!(found.account.access_token_status, status, "{}", account.id);
        assert_eq!(
            found.external_id,
            account.external.map(|e| format!("urn:li:person:{e}")),
            "{}",
            account.id
        );
        assert_eq!(usage, model.usage(index), "usage of {}", account.id);
        if let Some(token) = model.tokens.get(&index) {
            assert_eq!(
                &db.tokens_of(&account.id).0,
                token,
                "token of {}",
                account.id
            );
        }
    }
}
