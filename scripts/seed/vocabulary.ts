/**
 * Word lists the seed draws from. Varied on purpose: the trigram search indexes and the planner's
 * statistics should see something like real text, not `user 1`, `user 2`. Accented names are in
 * because real names have them, and so that search is exercised beyond ASCII. Each list holds at
 * most 256 entries: the generated SQL picks from them with one byte of a hash.
 */

export const FIRST_NAMES = [
  'Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Dennis', 'Frances', 'Ken',
  'Radia', 'Linus', 'Hedy', 'Tim', 'Katherine', 'John', 'Sophie', 'Guido', 'Anita', 'Bjarne',
  'Jean', 'Niklaus', 'Adele', 'Leslie', 'Shafi', 'Tony', 'Lynn', 'Whitfield', 'Mary', 'Vint',
  'Karen', 'Robert', 'Evelyn', 'Yukihiro', 'Marissa', 'James', 'Elena', 'Mateo', 'Aiko', 'Kwame',
  'Priya', 'Omar', 'Ingrid', 'Luca', 'Fatima', 'Hiroshi', 'Chloé', 'José', 'Zoë', 'Søren',
  'Amara', 'Dmitri', 'Nadia', 'Tomás', 'Leilani', 'Björn', 'Mei', 'Rafael', 'Olga', 'Kofi',
  'Ananya', 'Pierre', 'Ximena', 'Jonas', 'Imani', 'Arjun', 'Freya', 'Diego', 'Yara', 'Malik',
];

export const LAST_NAMES = [
  'Lovelace', 'Turing', 'Hopper', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Ritchie', 'Allen', 'Thompson',
  'Perlman', 'Torvalds', 'Lamarr', 'Berners-Lee', 'Johnson', 'McCarthy', 'Wilson', 'van Rossum', 'Borg', 'Stroustrup',
  'Sammet', 'Wirth', 'Goldberg', 'Lamport', 'Goldwasser', 'Hoare', 'Conway', 'Diffie', 'Keller', 'Cerf',
  'Spärck Jones', 'Kahn', 'Berezin', 'Matsumoto', 'Mayer', 'Gosling', 'García', 'Rossi', 'Tanaka', 'Mensah',
  'Sharma', 'Haddad', 'Lindqvist', 'Bianchi', 'Al-Sayed', 'Nakamura', 'Dubois', 'Fernández', 'Müller', 'Kowalski',
  'Okafor', 'Ivanova', 'Petrov', "O'Brien", 'Kealoha', 'Andersson', 'Chen', 'Silva', 'Novak', 'Asante',
  'Iyer', 'Laurent', 'Hernández', 'Schmidt', 'Nwosu', 'Patel', 'Jensen', 'Moreno', 'Haddad-Khoury', 'Bello',
];

export const TITLE_OPENERS = [
  'Notes on', 'A short guide to', 'Why we moved to', 'Lessons from', 'Thoughts about', 'Getting started with',
  'The trouble with', 'In defence of', 'Revisiting', 'A year of', 'What I learned from', 'Benchmarking',
  'Debugging', 'Scaling', 'Rethinking', 'Against', 'Understanding', 'Migrating to', 'Living with', 'Testing',
];

export const TITLE_SUBJECTS = [
  'connection pools', 'trigram indexes', 'keyset pagination', 'optimistic locking', 'the outbox pattern',
  'refresh token rotation', 'hexagonal architecture', 'PostgreSQL vacuum', 'cache stampedes', 'rate limiting',
  'structured logging', 'idempotent consumers', 'schema migrations', 'password hashing', 'query plans',
  'sourdough bread', 'mountain trails', 'night photography', 'urban gardening', 'vintage synthesizers',
  'remote teams', 'code review', 'on-call rotations', 'typed errors', 'zero-downtime deploys',
  'weekend projects', 'the morning commute', 'learning Japanese', 'chess openings', 'bicycle repair',
];

export const TITLE_ENDINGS = [
  '', '', '', '', ' in practice', ' at scale', ': part 2', ' for beginners', ', revisited', ' the hard way',
  ' without tears', ' on a budget', ' (a retrospective)', ' in production', ', step by step',
];

export const SENTENCES = [
  'We started with the simplest thing that could possibly work and measured before changing anything.',
  'The first version was fast enough until the table passed a few million rows.',
  'Most of the time went into waiting on the network, not into the database itself.',
  'An index that serves one query well can make every write a little slower.',
  'Reading the query plan took ten minutes and saved us a week of guessing.',
  'Nobody noticed the bug until two requests arrived in the same millisecond.',
  'Caching helped, but invalidation turned out to be the real design problem.',
  'The fix was three lines; finding it took the better part of a day.',
  'It is worth writing the test first when the failure is hard to reproduce.',
  'We kept the old path behind a flag for a month before removing it.',
  'Retries without backoff turned a small outage into a large one.',
  'The numbers below come from a laptop, so treat them as relative, not absolute.',
  'Small files with one concept each made the code far easier to review.',
  'Every error now carries a stable code, so clients can switch on it safely.',
  'Batching the inserts cut the load time from minutes to seconds.',
  'The dough needs a long, cold rise; patience matters more than the recipe.',
  'We reached the ridge just after sunrise, when the light was still soft.',
  'A tripod and a slow shutter turn a busy street into streaks of light.',
  'Tomatoes on the balcony did better than anything in the garden last year.',
  'The old synthesizer needed new capacitors before it would hold a tune.',
  'Working across time zones means writing things down, always.',
  'A good review asks questions instead of handing down verdicts.',
  'The pager went off twice that night, both times for the same disk.',
  'Learning a language as an adult is mostly about showing up every day.',
  'The opening looks quiet, but it sets a trap for the careless.',
  'Replacing the chain was easy; adjusting the derailleur was not.',
  'There is no substitute for trying it on real data.',
  'The documentation was right, we just had not read the whole page.',
  'Each step is reversible, which made the migration far less stressful.',
  'In the end we deleted more code than we wrote, and everything got faster.',
  'Honest benchmarks report the slow runs too, not only the best one.',
  'A checklist beats memory at three in the morning.',
];
