-- When a user was created or last changed: an export's since (API.md §9) takes the users changed at or after it.
-- Set by the database on every insert and update, whatever code path makes them (user/UserExport).
ALTER TABLE app_user ADD COLUMN updated_at timestamptz;
-- now(), not date_joined: a user changed before this release would otherwise look unchanged since they joined, and
-- an export since a later instant would leave them out (one that takes a few more is harmless)
UPDATE app_user SET updated_at = now();
ALTER TABLE app_user ALTER COLUMN updated_at SET DEFAULT now();
ALTER TABLE app_user ALTER COLUMN updated_at SET NOT NULL;

CREATE FUNCTION app_user_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
CREATE TRIGGER app_user_touch BEFORE UPDATE ON app_user FOR EACH ROW EXECUTE FUNCTION app_user_touch();
