//! Bodies of the Schedule API: the scheduled-post object in the contract's field order (nested
//! objects too; nullable fields are `null`, never omitted), and its envelopes.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use social_accounts_domain::schedule::{Caption, Design, PostLink, ScheduledPost, SettingsKey};
use social_accounts_domain::{Platforms, Timestamp};

/// The settings objects in the order the post object lists them; Facebook's and Pinterest's
/// only where those platforms are enabled.
const SETTINGS_ORDER: [SettingsKey; 7] = [
    SettingsKey::Post,
    SettingsKey::Instagram,
    SettingsKey::Linkedin,
    SettingsKey::Tiktok,
    SettingsKey::Threads,
    SettingsKey::Facebook,
    SettingsKey::Pinterest,
];

/// One scheduled post, as the contract shows it.
#[derive(Debug)]
pub struct PostView<'a> {
    post: &'a ScheduledPost,
    settings: Vec<SettingsKey>,
}

impl<'a> PostView<'a> {
    /// The view of `post` with `platforms` enabled.
    pub fn new(post: &'a ScheduledPost, platforms: &Platforms) -> Self {
        let allowed = SettingsKey::allowed(platforms);
        Self {
            post,
            settings: SETTINGS_ORDER
                .into_iter()
                .filter(|key| allowed.contains(key))
                .collect(),
        }
    }
}

fn time(at: Option<Timestamp>) -> Option<String> {
    at.map(|t| t.to_string())
}

impl Serialize for PostView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let post = self.post;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", post.id.as_str())?;
        map.serialize_entry("designId", &post.design.as_ref().map(|d| d.id.as_str()))?;
        map.serialize_entry("labels", &post.labels)?;
        map.serialize_entry("status", post.status.as_str())?;
        map.serialize_entry("scheduledFor", &post.scheduled_for.to_string())?;
        map.serialize_entry("publishedAt", &time(post.published_at()))?;
        map.serialize_entry("errorMessage", &post.error_message())?;
        for key in &self.settings {
            map.serialize_entry(key.as_str(), &post.settings.get(*key))?;
        }
        let contents: Vec<CaptionView<'_>> = post.captions.iter().map(CaptionView).collect();
        map.serialize_entry("postContents", &contents)?;
        map.serialize_entry("designDetails", &post.design.as_ref().map(DesignView))?;
        let links: Vec<LinkView<'_>> = post.links.iter().map(LinkView).collect();
        map.serialize_entry("socialAccounts", &links)?;
        map.serialize_entry("createdAt", &post.created_at.to_string())?;
        map.serialize_entry("updatedAt", &post.updated_at.to_string())?;
        map.end()
    }
}

struct CaptionView<'a>(&'a Caption);

impl Serialize for CaptionView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("platform", self.0.key.as_str())?;
        map.serialize_entry("text", &self.0.text)?;
        map.serialize_entry("hashtags", &self.0.hashtags)?;
        map.end()
    }
}

struct DesignView<'a>(&'a Design);

impl Serialize for DesignView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("id", self.0.id.as_str())?;
        map.serialize_entry("name", &self.0.name)?;
        map.serialize_entry("designType", &self.0.design_type)?;
        map.serialize_entry("source", &self.0.source)?;
        map.end()
    }
}

struct LinkView<'a>(&'a PostLink);

impl Serialize for LinkView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let link = self.0;
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("socialAccountId", link.account_id.as_str())?;
        map.serialize_entry("liveLink", &link.live_link)?;
        map.serialize_entry("errorMessage", &link.error_message)?;
        map.serialize_entry("status", link.status.as_str())?;
        map.serialize_entry("publishedAt", &time(link.published_at))?;
        map.end()
    }
}

/// `{ "success": true, "message": …, "data": post }` of a create or replace.
#[derive(Debug, Serialize)]
pub struct PostWritten<'a> {
    success: bool,
    message: &'static str,
    data: PostView<'a>,
}

/// The create/replace body.
pub fn written<'a>(
    message: &'static str,
    post: &'a ScheduledPost,
    platforms: &Platforms,
) -> PostWritten<'a> {
    PostWritten {
        success: true,
        message,
        data: PostView::new(post, platforms),
    }
}

/// `{ "success": true, "data": post }` of a read.
#[derive(Debug, Serialize)]
pub struct PostRead<'a> {
    success: bool,
    data: PostView<'a>,
}

/// The read body.
pub fn post<'a>(post: &'a ScheduledPost, platforms: &Platforms) -> PostRead<'a> {
    PostRead {
        success: true,
        data: PostView::new(post, platforms),
    }
}

/// `{ "success": true, "data": [posts] }` of the list.
#[derive(Debug, Serialize)]
pub struct PostList<'a> {
    success: bool,
    data: Vec<PostView<'a>>,
}

/// The list body.
pub fn posts<'a>(posts: &'a [ScheduledPost], platforms: &Platforms) -> PostList<'a> {
    PostList {
        success: true,
        data: posts.iter().map(|p| PostView::new(p, platforms)).collect(),
    }
}

/// `{ "message": "Post deleted successfully" }` of a delete.
#[derive(Debug, Serialize)]
struct Deleted {
    message: &'static str,
}

/// `{ "success": true, "message": "Scheduled post deleted", "data": {…} }`.
#[derive(Debug, Serialize)]
pub struct PostDeleted {
    success: bool,
    message: &'static str,
    data: Deleted,
}

/// The delete body.
pub const POST_DELETED: PostDeleted = PostDeleted {
    success: true,
    message: "Scheduled post deleted",
    data: Deleted {
        message: "Post deleted successfully",
    },
};

/// `{ "service": "social-accounts", "version": "x.y.z" }` of `GET /`.
#[derive(Debug, Serialize)]
struct Service {
    service: &'static str,
    version: &'static str,
}

/// `{ "success": true, "data": {…} }` of `GET /`.
#[derive(Debug, Serialize)]
pub struct KeyCheck {
    success: bool,
    data: Service,
}

/// The key-check body.
pub const KEY_CHECK: KeyCheck = KeyCheck {
    success: true,
    data: Service {
        service: "social-accounts",
        version: env!("CARGO_PKG_VERSION"),
    },
};
