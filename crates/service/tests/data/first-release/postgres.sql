--
-- PostgreSQL database dump
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: __diesel_schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.__diesel_schema_migrations (
    version character varying(50) NOT NULL,
    run_on timestamp without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);


--
-- Name: api_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_keys (
    id text NOT NULL,
    organization_id text NOT NULL,
    workspace_id text,
    name text NOT NULL,
    key_hash bytea NOT NULL,
    prefix text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    last_used_at timestamp without time zone,
    revoked_at timestamp without time zone,
    expires_at timestamp without time zone
);


--
-- Name: organizations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.organizations (
    id text NOT NULL,
    name text NOT NULL,
    main_plan text NOT NULL,
    api_credits_addon boolean DEFAULT false NOT NULL,
    embed_subscription text DEFAULT 'inactive'::text NOT NULL,
    created_at timestamp without time zone NOT NULL
);


--
-- Name: scheduled_post_accounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.scheduled_post_accounts (
    scheduled_post_id text NOT NULL,
    social_account_id text NOT NULL,
    status text NOT NULL
);


--
-- Name: scheduled_posts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.scheduled_posts (
    id text NOT NULL,
    workspace_id text NOT NULL,
    status text NOT NULL,
    scheduled_at timestamp without time zone,
    created_at timestamp without time zone NOT NULL
);


--
-- Name: social_accounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.social_accounts (
    id text NOT NULL,
    organization_id text NOT NULL,
    workspace_id text NOT NULL,
    platform_type text NOT NULL,
    account_handle text NOT NULL,
    account_type text NOT NULL,
    account_name text NOT NULL,
    account_logo text,
    access_token_status text NOT NULL,
    token_expires_at timestamp without time zone,
    access_token_ciphertext bytea NOT NULL,
    refresh_token_ciphertext bytea,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);


--
-- Name: workspaces; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.workspaces (
    id text NOT NULL,
    organization_id text NOT NULL,
    name text NOT NULL,
    created_at timestamp without time zone NOT NULL
);


--
-- Data for Name: __diesel_schema_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.__diesel_schema_migrations VALUES ('20261126000000', '2026-11-27 05:53:03.895064');
INSERT INTO public.__diesel_schema_migrations VALUES ('20261126000001', '2026-11-27 05:53:03.921077');


--
-- Data for Name: api_keys; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.api_keys VALUES ('cbmz516bqc9juzd3yrj2szh58', 'org_acme', 'ws_marketing', 'marketing', '\xb3aae166d4b94aa829e943d12f5bf025bdad78ed4d0b810a8a8ce5064ff6b17b', 'fr-marketin', '2026-11-27 05:53:03.922', NULL, NULL, NULL);
INSERT INTO public.api_keys VALUES ('cwsuvqr0rur7xxuc1rdtun907', 'org_acme', 'ws_sales', 'sales', '\xce05bbd0494d72378f5298f228ab1b6fbc25cddab1a5f14fd4e22300c5bf7f41', 'fr-sales-', '2026-11-27 05:53:03.922', NULL, NULL, NULL);
INSERT INTO public.api_keys VALUES ('c4yvwidbeekey69ikvkssv09g', 'org_acme', NULL, 'no workspace', '\x476aaba363248922c53db70f94b94d19563087c21e87f48a2b1fb6ad3a707caa', 'fr-noworkspa', '2026-11-27 05:53:03.922', NULL, NULL, NULL);
INSERT INTO public.api_keys VALUES ('cuyymoaufi7nmarh4lj4i9v5g', 'org_embed', 'ws_embed', 'imported', '\x66d7fd288ddb9378483d814d7bdca9f7f8aeef11ab624ca641535a07e0bca04b', 'fr-embed-', '2026-11-27 05:53:03.922', NULL, NULL, NULL);
INSERT INTO public.api_keys VALUES ('cim8un9me76dqho5aeafl5y56', 'org_free', 'ws_free', 'free', '\x52bfcfb44e2bae7048959e2162784065c77ad07b1e4ae91213429b7bbd884c41', 'fr-free-0', '2026-11-27 05:53:03.922', NULL, NULL, NULL);
INSERT INTO public.api_keys VALUES ('c6820alf5q9qgfp37ykdqpsv1', 'org_acme', 'ws_marketing', 'minted', '\x666d8f18799384281862b27622531d4f6c01a4539b3acd77dca3e63bcbd8960f', 'sak_8FjmzzJq', '2026-11-27 05:52:44.244', NULL, NULL, NULL);
INSERT INTO public.api_keys VALUES ('cuq2iqp3w4fgqx9p6vlsj0ikt', 'org_acme', 'ws_marketing', 'revoked', '\xfe0a0cb9998f28ab9e7310bf4ddf71fe2035dc0c9caa54c316f614c12b101b17', 'sak_cnSLgmcA', '2026-11-27 05:52:44.258', NULL, '2026-11-27 05:52:44.304', NULL);
INSERT INTO public.api_keys VALUES ('c8p907ds3xftm7ljtqoqfboys', 'org_acme', 'ws_marketing', 'expired', '\x5b306be10f00c478a2ef45b9ac1b240fffc526e7715adf174fc110d72ab39cb1', 'sak_v3e1ZM5Z', '2026-11-27 05:52:44.27', NULL, NULL, '2026-11-27 05:52:45.27');


--
-- Data for Name: organizations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.organizations VALUES ('org_acme', 'Acme', 'paid', true, 'inactive', '2026-11-27 05:53:03.922');
INSERT INTO public.organizations VALUES ('org_embed', 'Embed Co', 'free', false, 'active', '2026-11-27 05:53:03.922');
INSERT INTO public.organizations VALUES ('org_free', 'Free Co', 'free', false, 'inactive', '2026-11-27 05:53:03.922');


--
-- Data for Name: scheduled_post_accounts; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.scheduled_post_accounts VALUES ('fr_post_1', 'fr_li_org', 'PENDING');
INSERT INTO public.scheduled_post_accounts VALUES ('fr_post_1', 'fr_ig', 'PENDING');
INSERT INTO public.scheduled_post_accounts VALUES ('fr_post_1', 'fr_pin', 'PENDING');
INSERT INTO public.scheduled_post_accounts VALUES ('fr_post_2', 'fr_li_org', 'PUBLISHED');
INSERT INTO public.scheduled_post_accounts VALUES ('fr_post_2', 'fr_tt', 'FAILED');
INSERT INTO public.scheduled_post_accounts VALUES ('fr_post_3', 'fr_li_org', 'DRAFT');
INSERT INTO public.scheduled_post_accounts VALUES ('fr_post_3', 'fr_th', 'DRAFT');
INSERT INTO public.scheduled_post_accounts VALUES ('ckmj30842jbrvur0ms8o2ed4u', 'fr_li_person', 'PUBLISHED');
INSERT INTO public.scheduled_post_accounts VALUES ('fr_post_sales', 'fr_sales_li', 'PENDING');
INSERT INTO public.scheduled_post_accounts VALUES ('fr_post_embed', 'fr_embed_tt', 'FAILED');


--
-- Data for Name: scheduled_posts; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.scheduled_posts VALUES ('fr_post_1', 'ws_marketing', 'SCHEDULED', '2026-12-01 09:00:00', '2026-11-27 05:53:03.922');
INSERT INTO public.scheduled_posts VALUES ('fr_post_2', 'ws_marketing', 'SCHEDULED', '2026-11-01 09:00:00', '2026-11-27 05:53:03.922');
INSERT INTO public.scheduled_posts VALUES ('fr_post_3', 'ws_marketing', 'DRAFT', '2026-12-24 18:00:00', '2026-11-27 05:53:03.922');
INSERT INTO public.scheduled_posts VALUES ('ckmj30842jbrvur0ms8o2ed4u', 'ws_marketing', 'SCHEDULED', '2026-10-15 07:45:00', '2026-11-27 05:53:03.922');
INSERT INTO public.scheduled_posts VALUES ('fr_post_sales', 'ws_sales', 'SCHEDULED', '2026-12-02 10:00:00', '2026-11-27 05:53:03.922');
INSERT INTO public.scheduled_posts VALUES ('fr_post_embed', 'ws_embed', 'SCHEDULED', '2026-12-03 10:00:00', '2026-11-27 05:53:03.922');


--
-- Data for Name: social_accounts; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.social_accounts VALUES ('fr_li_org', 'org_acme', 'ws_marketing', 'linkedin', 'acme-co', 'organization', 'Acme', 'https://example.com/acme.png', 'active', '2027-09-01 00:00:00', '\x01c355b5aa65e0d0c5d657a1a346a0a3614c4008413be179c224fdca6d8aac8996b67f5d44ac', '\x01fb5004c68ca2661fc40a6a17aca2d2265569b8d2f10085f6b3b6eb48cbefd95d801755243950', '2026-05-01 12:00:00', '2026-06-01 08:30:00');
INSERT INTO public.social_accounts VALUES ('fr_li_person', 'org_acme', 'ws_marketing', 'linkedin', 'jane-doe', 'personal', 'Jane Doe', NULL, 'expired', '2026-01-01 00:00:00', '\x0162d8efc5376219cb5f7a50a8641810010cc389e616eedbfb53d7267abccf797db0cf35063e257a', NULL, '2026-04-01 00:00:00', '2026-04-01 00:00:00');
INSERT INTO public.social_accounts VALUES ('fr_ig', 'org_acme', 'ws_marketing', 'instagram', 'acme.ig', 'business', 'Acme on Instagram', NULL, 'active', NULL, '\x01d4092b62e60b94f5ce29b770299881cfd5eec417021450a2ba22bea4a93f673d29edc82985', NULL, '2026-05-03 09:00:00', '2026-05-03 09:00:00');
INSERT INTO public.social_accounts VALUES ('fr_tt', 'org_acme', 'ws_marketing', 'tiktok', 'acme.tt', 'business', 'Acme on TikTok', NULL, 'revoked', NULL, '\x01ee55d239c61f4a00038742d5d335f2cc01d091abb12efcffb780d03814390fc45de59d3424', NULL, '2026-05-04 09:00:00', '2026-05-04 09:00:00');
INSERT INTO public.social_accounts VALUES ('fr_th', 'org_acme', 'ws_marketing', 'threads', 'acme.threads', 'personal', 'Acme on Threads', NULL, 'active', NULL, '\x014988ddd96c6ccb6e967411a020c5401f32ced0319123603ff7ce80957f1cba5ad44a8f7a5c', NULL, '2026-05-05 09:00:00', '2026-05-05 09:00:00');
INSERT INTO public.social_accounts VALUES ('fr_pin', 'org_acme', 'ws_marketing', 'pinterest', 'acme-boards', 'board', 'Acme boards', NULL, 'active', NULL, '\x0150ac9e372d23efe0d6fc990f6a555107d8b46b7d88fcfa670d9d8a984755c77edf18b56f6ef3', NULL, '2026-05-06 09:00:00', '2026-05-06 09:00:00');
INSERT INTO public.social_accounts VALUES ('fr_sales_li', 'org_acme', 'ws_sales', 'linkedin', 'acme-sales', 'organization', 'Acme Sales', NULL, 'active', NULL, '\x018627cf74e8142aa95df6a82b9242188da1b7ae9c8471dd43d446d8ed23e84a2aa278874e60805814', NULL, '2026-05-07 09:00:00', '2026-05-07 09:00:00');
INSERT INTO public.social_accounts VALUES ('fr_embed_tt', 'org_embed', 'ws_embed', 'tiktok', 'embed.tt', 'personal', 'Embed on TikTok', NULL, 'active', NULL, '\x012203ab84c3a5cb2d9a7f437f5a7c73775d4df662b90390031fa0f80e1cd810323882822e0619f5fc', NULL, '2026-05-08 09:00:00', '2026-05-08 09:00:00');
INSERT INTO public.social_accounts VALUES ('fr_free_ig', 'org_free', 'ws_free', 'instagram', 'free.ig', 'creator', 'Free on Instagram', NULL, 'active', NULL, '\x01faaea01f61417bba813583490c4375804956d6b174ff4ecf6f7673500cfae3644f95a02cd0bb7c', NULL, '2026-05-09 09:00:00', '2026-05-09 09:00:00');


--
-- Data for Name: workspaces; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.workspaces VALUES ('ws_marketing', 'org_acme', 'Marketing', '2026-11-27 05:53:03.922');
INSERT INTO public.workspaces VALUES ('ws_sales', 'org_acme', 'Sales', '2026-11-27 05:53:03.922');
INSERT INTO public.workspaces VALUES ('ws_embed', 'org_embed', 'Main', '2026-11-27 05:53:03.922');
INSERT INTO public.workspaces VALUES ('ws_free', 'org_free', 'Main', '2026-11-27 05:53:03.922');


--
-- Name: __diesel_schema_migrations __diesel_schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.__diesel_schema_migrations
    ADD CONSTRAINT __diesel_schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: api_keys api_keys_key_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash);


--
-- Name: api_keys api_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id);


--
-- Name: organizations organizations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organizations
    ADD CONSTRAINT organizations_pkey PRIMARY KEY (id);


--
-- Name: scheduled_post_accounts scheduled_post_accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduled_post_accounts
    ADD CONSTRAINT scheduled_post_accounts_pkey PRIMARY KEY (scheduled_post_id, social_account_id);


--
-- Name: scheduled_posts scheduled_posts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduled_posts
    ADD CONSTRAINT scheduled_posts_pkey PRIMARY KEY (id);


--
-- Name: social_accounts social_accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.social_accounts
    ADD CONSTRAINT social_accounts_pkey PRIMARY KEY (id);


--
-- Name: workspaces workspaces_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workspaces
    ADD CONSTRAINT workspaces_pkey PRIMARY KEY (id);


--
-- Name: api_keys_organization_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX api_keys_organization_id ON public.api_keys USING btree (organization_id);


--
-- Name: api_keys_workspace_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX api_keys_workspace_id ON public.api_keys USING btree (workspace_id);


--
-- Name: scheduled_post_accounts_account_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX scheduled_post_accounts_account_status ON public.scheduled_post_accounts USING btree (social_account_id, status);


--
-- Name: scheduled_posts_workspace_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX scheduled_posts_workspace_id ON public.scheduled_posts USING btree (workspace_id);


--
-- Name: social_accounts_organization_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX social_accounts_organization_id ON public.social_accounts USING btree (organization_id);


--
-- Name: social_accounts_workspace_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX social_accounts_workspace_created ON public.social_accounts USING btree (workspace_id, created_at, id);


--
-- Name: workspaces_organization_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX workspaces_organization_id ON public.workspaces USING btree (organization_id);


--
-- Name: api_keys api_keys_workspace_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE SET NULL;


--
-- Name: scheduled_post_accounts scheduled_post_accounts_scheduled_post_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduled_post_accounts
    ADD CONSTRAINT scheduled_post_accounts_scheduled_post_id_fkey FOREIGN KEY (scheduled_post_id) REFERENCES public.scheduled_posts(id) ON DELETE CASCADE;


--
-- Name: scheduled_post_accounts scheduled_post_accounts_social_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduled_post_accounts
    ADD CONSTRAINT scheduled_post_accounts_social_account_id_fkey FOREIGN KEY (social_account_id) REFERENCES public.social_accounts(id) ON DELETE CASCADE;


--
-- Name: scheduled_posts scheduled_posts_workspace_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduled_posts
    ADD CONSTRAINT scheduled_posts_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;


--
-- Name: social_accounts social_accounts_organization_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.social_accounts
    ADD CONSTRAINT social_accounts_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations(id) ON DELETE CASCADE;


--
-- Name: social_accounts social_accounts_workspace_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.social_accounts
    ADD CONSTRAINT social_accounts_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;


--
-- Name: workspaces workspaces_organization_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workspaces
    ADD CONSTRAINT workspaces_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--


