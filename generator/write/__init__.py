"""The write stage: pages into the docs dir, journaled, never over an editor's file."""
