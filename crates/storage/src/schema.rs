// Mirrors migrations/{sqlite,postgres}. `cargo xtask check-schema` (the test
// `tests/contract/schema_drift.rs`) fails when the two drift apart.

diesel::table! {
    organizations (id) {
        id -> Text,
        name -> Text,
        main_plan -> Text,
        api_credits_addon -> Bool,
        embed_subscription -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    workspaces (id) {
        id -> Text,
        organization_id -> Text,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    api_keys (id) {
        id -> Text,
        organization_id -> Text,
        workspace_id -> Nullable<Text>,
        name -> Text,
        key_hash -> Binary,
        prefix -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        expires_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    social_accounts (id) {
        id -> Text,
        organization_id -> Text,
        workspace_id -> Text,
        platform_type -> Text,
        account_handle -> Text,
        account_type -> Text,
        account_name -> Text,
        account_logo -> Nullable<Text>,
        access_token_status -> Text,
        token_expires_at -> Nullable<Timestamp>,
        access_token_ciphertext -> Binary,
        refresh_token_ciphertext -> Nullable<Binary>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    scheduled_posts (id) {
        id -> Text,
        workspace_id -> Text,
        status -> Text,
        scheduled_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    scheduled_post_accounts (scheduled_post_id, social_account_id) {
        scheduled_post_id -> Text,
        social_account_id -> Text,
        status -> Text,
    }
}

diesel::joinable!(workspaces -> organizations (organization_id));
diesel::joinable!(api_keys -> workspaces (workspace_id));
diesel::joinable!(social_accounts -> workspaces (workspace_id));
diesel::joinable!(scheduled_posts -> workspaces (workspace_id));
diesel::joinable!(scheduled_post_accounts -> scheduled_posts (scheduled_post_id));
diesel::joinable!(scheduled_post_accounts -> social_accounts (social_account_id));

diesel::allow_tables_to_appear_in_same_query!(
    organizations,
    workspaces,
    api_keys,
    social_accounts,
    scheduled_posts,
    scheduled_post_accounts,
);
