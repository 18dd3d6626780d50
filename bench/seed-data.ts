// Realistic-looking rows for the scale benchmark (bench/seed.ts, bench/list-search.ts): prompt text drawn
// from a word list with a Zipf distribution (a few words in most prompts, most words in few), so searches
// for a common, a middling and a rare word meet the numbers of matches a real library would give.
// Deterministic: the same seed gives the same rows.

/** mulberry32: a small, fast, seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Most frequent first: the Zipf rank is the position.
export const WORDS = (
  "the you a to and of in for your is with be that on as this it are write each use answer user " +
  "should not if or from by text output response please an when all one format list any summary " +
  "short clear example data question customer following must task step include who what only json " +
  "provide given code based context more make without explain table help review about two email " +
  "first report three key points tone friendly professional write detailed describe return markdown " +
  "article draft product support ticket reply analysis document sentence paragraph words language " +
  "translate english french german spanish check errors fix bug function python typescript sql query " +
  "review pull request test cases edge security risks plan outline meeting notes action items owner " +
  "deadline budget forecast sales marketing campaign audience persona brand voice headline slogan " +
  "blog post social media tweet thread linkedin newsletter subject line call summary transcript " +
  "interview candidate resume cover letter job description skills experience education course lesson " +
  "quiz student teacher grade rubric feedback essay story poem character dialogue scene setting " +
  "recipe ingredients nutrition travel itinerary budget hotel flight museum history science physics " +
  "chemistry biology medicine symptoms legal contract clause policy privacy compliance audit finance " +
  "invoice tax accounting spreadsheet formula chart dashboard metric kpi roadmap strategy competitor " +
  "pricing negotiation onboarding churn retention survey sentiment classify extract entities dates " +
  "names addresses phone numbers normalize deduplicate merge rank score rate compare contrast"
).split(" ");

/** A word so rare it is in about one prompt in 2,000: the needle of the "rare" search. */
export const RARE_WORD = "quetzalcoatl";

const HARMONIC = WORDS.reduce((s, _w, i) => s + 1 / (i + 1), 0);
const CUMULATIVE = (() => {
  let c = 0;
  return WORDS.map((_w, i) => {
    c += 1 / (i + 1) / HARMONIC;
    return c;
  });
})();

export function word(rand: () => number): string {
  const r = rand();
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((CUMULATIVE[mid] as number) < r) lo = mid + 1;
    else hi = mid;
  }
  return WORDS[lo] as string;
}

export function words(rand: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(word(rand));
  return out.join(" ");
}

/** A prompt body of 40–120 words in sentences, sometimes with the rare word. */
export function promptContent(rand: () => number): string {
  const n = 40 + Math.floor(rand() * 80);
  const sentences: string[] = [];
  let left = n;
  while (left > 0) {
    const len = Math.min(left, 6 + Math.floor(rand() * 10));
    const s = words(rand, len);
    sentences.push(`${s.charAt(0).toUpperCase()}${s.slice(1)}.`);
    left -= len;
  }
  if (rand() < 1 / 2000) sentences.push(`Mention ${RARE_WORD} once.`);
  return sentences.join(" ");
}

export function title(rand: () => number): string {
  const s = words(rand, 3 + Math.floor(rand() * 4));
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
}
