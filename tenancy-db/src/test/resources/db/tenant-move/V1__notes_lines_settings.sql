-- A tenant schema for the move tests: an identity, a bigserial with a foreign key, and a table the template
-- fills (its seed row would collide with the source's if the copy did not empty the target first).
CREATE TABLE notes (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE note_lines (id BIGSERIAL PRIMARY KEY, note_id BIGINT NOT NULL REFERENCES notes (id), line TEXT NOT NULL);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO settings (key, value) VALUES ('theme', 'light');
