import type { HistoryMigration } from './historyMigration'

/**
 * Conversations, their exchanges and an FTS5 index over the exchanges' text. The trigram
 * tokenizer finds text in any script (Japanese has no spaces between words, so a word
 * tokenizer such as unicode61 would index whole sentences as one token) and gives substring,
 * prefix and phrase matches; strings shorter than three characters are matched with LIKE by
 * the store. Source: https://sqlite.org/fts5.html#the_trigram_tokenizer.
 */
export const m001Initial: HistoryMigration = {
  version: 1,
  up(db) {
    db.exec(`
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        model_id TEXT,
        continued_from TEXT
      ) STRICT;
      CREATE INDEX conversations_updated_at ON conversations (updated_at);

      CREATE TABLE exchanges (
        id INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER NOT NULL,
        model_id TEXT,
        user_text TEXT NOT NULL,
        model_text TEXT NOT NULL,
        tool_calls TEXT NOT NULL DEFAULT '[]',
        screen_shared INTEGER NOT NULL DEFAULT 0,
        interrupted INTEGER NOT NULL DEFAULT 0,
        prompt_tokens INTEGER,
        response_tokens INTEGER,
        total_tokens INTEGER,
        UNIQUE (conversation_id, seq)
      ) STRICT;
      CREATE INDEX exchanges_ended_at ON exchanges (ended_at);

      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE VIRTUAL TABLE exchanges_fts USING fts5 (
        user_text, model_text,
        content = 'exchanges', content_rowid = 'id',
        tokenize = 'trigram remove_diacritics 1'
      );
      CREATE TRIGGER exchanges_after_insert AFTER INSERT ON exchanges BEGIN
        INSERT INTO exchanges_fts (rowid, user_text, model_text) VALUES (new.id, new.user_text, new.model_text);
      END;
      CREATE TRIGGER exchanges_after_delete AFTER DELETE ON exchanges BEGIN
        INSERT INTO exchanges_fts (exchanges_fts, rowid, user_text, model_text) VALUES ('delete', old.id, old.user_text, old.model_text);
      END;
      CREATE TRIGGER exchanges_after_update AFTER UPDATE ON exchanges BEGIN
        INSERT INTO exchanges_fts (exchanges_fts, rowid, user_text, model_text) VALUES ('delete', old.id, old.user_text, old.model_text);
        INSERT INTO exchanges_fts (rowid, user_text, model_text) VALUES (new.id, new.user_text, new.model_text);
      END;
    `)
  },
}
