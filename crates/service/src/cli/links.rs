//! `social-accounts links set-status`: a publisher reports one link's outcome.

use social_accounts_domain::repository::ScheduleRepository;
use social_accounts_domain::schedule::LinkReport;
use social_accounts_domain::{Actor, ScheduledPostId, SocialAccountId, Timestamp};
use social_accounts_storage::DatabaseUrl;

use super::{CommandError, open_migrated};
use crate::settings::LinksCommand;

pub fn run(url: &DatabaseUrl, command: &LinksCommand) -> Result<(), CommandError> {
    let LinksCommand::SetStatus {
        post,
        account,
        status,
        live_link,
        error,
    } = command;
    let post_id = ScheduledPostId::parse(post).map_err(|e| format!("--post: {e}"))?;
    let account_id = SocialAccountId::parse(account).map_err(|e| format!("--account: {e}"))?;
    let now = Timestamp::now();
    let report = LinkReport::new(status, live_link.as_deref(), error.as_deref(), now)?;
    let store = open_migrated(url, None)?;
    if !store.report_link(&post_id, &account_id, &report, &Actor::cli(), now)? {
        return Err(format!("post {post_id} has no link to account {account_id}").into());
    }
    eprintln!("Post {post_id} on account {account_id}: {}.", report.status);
    Ok(())
}
