// Word lists the offline analysis rules are built on. Kept in one place so that rules, scoring and the
// enhancer agree on what counts as a task verb, a vague word, filler or a format cue.

/** A set of words from one space-separated list. */
export const wordSet = (words: string): Set<string> => new Set(words.trim().split(/\s+/));
const set = wordSet;

/** Verbs that, at the start of a clause, ask the model to produce or change something. */
export const TASK_VERBS = set(`
  write draft compose create generate produce make build design develop implement code program fix debug
  refactor review optimize optimise improve explain describe summarize summarise translate convert rewrite
  edit proofread correct classify categorize categorise label tag extract parse list compare contrast analyze
  analyse evaluate assess rate score grade recommend suggest propose plan outline brainstorm find identify
  calculate compute solve answer tell give provide show help teach check verify validate test prove derive
  estimate predict name define rank sort filter transform map schedule respond reply critique simplify shorten
  lengthen expand paraphrase localize localise detect determine decide choose pick select match merge split count
  query search research investigate interpret annotate document organize organise prepare compile update modify
  change add remove replace port migrate sketch illustrate visualize visualise plot chart group cluster
  prioritise prioritize do look go figure read get format draw recommend tally audit inspect diagnose
  critique fill complete continue finish turn adapt reformat restructure normalize normalise deduplicate
  sum average reconcile book ask interview simulate guide coach quiz play quote say state indicate flag mark spot judge
  trim clean streamline declutter resend tighten rework revise redo recap rename reorder rearrange vet
  triage pitch greet announce invite remind congratulate apologize apologise negotiate persuade advise tutor
  proof whip knock boil walk jot gimme put come break polish condense punch distill distil formulate
  craft narrate discuss debate devise invent express converse flip discover display print specify combine perform
  explore engage offer integrate introduce repeat enclose send execute apply assign consult capture paint customize
  initiate copy conclude establish enhance examine conduct gather compress share run`);

/** Verbs that shape how the task is done rather than what it is. */
export const META_VERBS = set(`
  be keep use follow ensure avoid include exclude consider remember focus think act try stay maintain limit
  preserve cite mention end start begin return output present structure respond reply answer treat note
  assume imagine pretend ignore let feel stick aim refer base ground emphasize emphasise highlight tailor adjust
  utilize utilise employ incorporate embrace encourage adopt`);

/** Verbs that state the output shape when they open an instruction. */
export const FORMAT_VERBS = set(`return output present format structure respond reply answer`);

/** Objects that name no concrete deliverable ("provide a high-quality response"). */
export const GENERIC_OBJECTS = set(`
  response responses answer answers output outputs result results content job work task tasks thing things
  something anything everything stuff help assistance final overall best possible highest right correct ideal optimal excellent solution solutions way ways lot bit kind sort`);

export const PRONOUNS = set(`it this that these those they them its`);

export const STOPWORDS = set(`
  a an the and or but nor so yet of to in on at by for with from into onto about above below over under
  as than then that this these those it its they them their there here i me my mine we us our ours you your
  yours he him his she her hers is are was were be been being am do does did done have has had having will
  would shall should can could may might must not no nor very just also too only all any each every some
  such what which who whom whose when where why how if else while because until after before again once
  please kindly up down out off more most less least other another same own both either neither few many
  much several lot lots bit get got make makes made let lets s t re ll ve d don doesn didn isn aren wasn
  weren won wouldn shouldn couldn can't don't i'm it's that's let's i'd i've you're we're they're what's
  via per etc e.g. i.e.`);

/** Words that cannot be a noun antecedent for a pronoun (function words, auxiliaries, common verbs). */
export const NON_NOUNS = set(`
  needs need wants want said say says says seems seem looks look sounds sound keeps keep works work
  doesn't don't isn't won't can't shouldn't couldn't wouldn't kind sort really very please thanks thank
  hello hi hey dear also still even just ever never always maybe perhaps faster slower better worse bigger
  smaller shorter longer nicer cleaner easier harder simpler good bad nice great new old wrong right sure
  okay ok fine happy sad broken weird urgent asap`);

/** Quantities and nouns that leave the amount or the thing undefined. */
export const VAGUE_QUANTIFIERS = set(`some various several many numerous lots bunch stuff things something
  somewhat whatever etc. etc kinda`);
/** Multi-word vague quantities, matched on the lower-cased instruction text. */
export const VAGUE_QUANTIFIER_PHRASES = [
  "a few",
  "a lot",
  "a bit",
  "a couple",
  "a number of",
  "and so on",
  "a handful",
];

/** Quality words that say nothing measurable unless a criterion follows. */
export const VAGUE_ADJECTIVES = set(`good nice better great interesting appropriate proper properly
  appropriately cool awesome amazing decent engaging catchy nicer cleaner suitable`);

/** Words after a vague term that introduce its criterion ("good — under 60 characters", "better than"). */
export const CRITERION_WORDS = set(`such e.g. i.e. including include includes under over within measured
  defined meaning means than namely specifically below above fewer less exactly at least most`);

/** Politeness phrases that add length but no instruction. Strong ones count on their own. */
export const STRONG_FLUFF = [
  "thank you so much in advance",
  "thanks so much in advance",
  "i really appreciate it",
  "i would really appreciate it",
  "i'd really appreciate it",
  "i would appreciate it",
  "please kindly",
  "kindly",
  "if you don't mind",
  "if you do not mind",
  "thank you so much",
  "thanks so much",
  "thanks a lot",
  "thanks in advance",
  "thank you in advance",
  "thanks again",
  "i would really appreciate",
  "i'd really appreciate",
  "i really appreciate",
  "i would be grateful",
  "i'd be grateful",
  "i would be very grateful",
  "i hope you're doing well",
  "i hope you are doing well",
  "i hope you are having a great day",
  "i hope you're having a great day",
  "hope you are having a great day",
  "i hope you are having",
  "hope you're doing well",
  "sorry to bother",
  "would you be so kind",
  "i was wondering if",
  "you're the best",
  "much appreciated",
  "it would be really great if",
  "it would be great if",
  "it would be nice if",
];
export const SOFT_FLUFF = [
  "hi there",
  "hello",
  "hey",
  "thank you",
  "thanks",
  "if possible",
  "if that's okay",
  "if that's ok",
  "if that is okay",
  "could you possibly",
  "this is very important to me",
];
/** Hedges: the author's uncertainty, passed on to the model. */
export const HEDGES = [
  "maybe",
  "perhaps",
  "kind of",
  "sort of",
  "kinda",
  "i guess",
  "i think",
  "i'm not sure",
  "i'm not really sure",
  "i don't know",
  "or whatever",
  "or something",
  "if that makes sense",
  "basically",
  "so basically",
];
/** Buzzwords that sound rigorous but specify nothing on their own. */
export const BUZZWORDS = [
  "expert",
  "world-class",
  "world class",
  "step by step",
  "step-by-step",
  "best practices",
  "best-practice",
  "comprehensive",
  "comprehensively",
  "high-quality",
  "high quality",
  "highest quality",
  "professional",
  "thorough",
  "detailed",
  "state-of-the-art",
  "cutting-edge",
  "top-notch",
  "10x",
  "rockstar",
  "ninja",
  "award-winning",
  "genius",
  "perfect",
  "flawless",
  "industry standards",
  "production-grade",
  "enterprise-ready",
  "innovative",
  "optimized",
  "years of experience",
  "as detailed as possible",
  "deep knowledge",
  "accurate",
];

/** Nouns for people who read or use the output. */
export const AUDIENCE_NOUNS =
  set(`audience audiences reader readers customer customers client clients user users
  student students beginner beginners developer developers engineer engineers child children kid kids adult
  adults team teams member members manager managers executive executives stakeholder stakeholders owner owners
  investor investors staff employee employees colleague colleagues parent parents teacher teachers patient patients
  expert experts professional professionals newcomer newcomers someone people visitor visitors subscriber
  subscribers follower followers leader leaders candidate candidates club class magazine newsletter listing
  recruiter recruiters ceo ceos cto ctos cfo cfos vp founder founders buyer buyers shopper shoppers
  lawyer lawyers doctor doctors nurse nurses analyst analysts designer designers marketer marketers
  layperson laypeople novice novices learner learners freshman undergraduate undergraduates graduate
  boss neighbour neighbor neighbours friend friends family community fans guests partners vendor vendors
  non-technical non-experts organisers organizers committee board public blog website site podcast channel`);

/** Genres whose form is conventional enough that naming them states the output format. */
export const FORMED_GENRES =
  set(`email e-mail emails tweet tweets haiku haikus sonnet sonnets limerick limericks
  headline headlines tagline taglines slogan slogans title titles caption captions sms subject commit
  query queries regex regexp expression function functions class method script workflow test tests sql yaml
  json csv table tables list lists checklist agenda itinerary quiz letter note reply replies message messages
  translation one-liner bio tweet-length story stories poem poems lesson recipe recipes dockerfile makefile
  config configuration component endpoint schema migration program module pipeline snippet regexes`);

/** Task verbs whose output is mostly determined by the input (transform, not open-ended generation). */
export const TRANSFORM_VERBS =
  set(`translate convert rewrite edit proofread correct classify categorize categorise
  label tag extract parse fix debug refactor shorten paraphrase reformat normalize normalise calculate compute
  solve sort filter rank merge split count group cluster validate verify check test port migrate format
  answer respond reply tally sum average reconcile prioritise prioritize review audit inspect diagnose
  simplify localize localise adapt deduplicate fill complete find identify match detect determine score rate
  grade name define estimate predict`);

/** Task verbs where the reader matters (tone, level, what to leave out). */
export const AUDIENCE_SENSITIVE_VERBS = set(`write draft compose create generate produce explain describe
  summarize summarise tell teach outline brainstorm suggest propose recommend give present prepare make
  design plan discuss introduce announce pitch`);

/** Coarse domains for telling unrelated tasks apart. */
export const DOMAINS: Record<string, string> = (() => {
  const d: Record<string, string> = {};
  const add = (domain: string, words: string) => {
    for (const w of words.trim().split(/\s+/)) d[w] = domain;
  };
  add(
    "code",
    `code python javascript typescript java sql query queries script scripts function functions bug
    bugs api regex database repo server kubernetes docker css html program compile endpoint git deploy
    backend frontend stack trace exception crash crashes startup`,
  );
  add(
    "writing",
    `poem poems haiku sonnet limerick story stories essay blog post article speech toast novel
    lyrics song caption tweet headline slogan tagline newsletter verse`,
  );
  add("travel", `trip travel vacation holiday itinerary flight flights hotel hotels tour japan italy paris`);
  add("food", `recipe recipes dinner lunch breakfast meal meals cook cooking bake cake food dish grocery`);
  add("pets", `cat cats dog dogs pet pets puppy kitten`);
  add("events", `party birthday wedding celebration anniversary`);
  add("fitness", `workout exercise exercises gym fitness marathon`);
  add("finance", `budget tax taxes mortgage stock stocks investment investments savings loan`);
  add("legal", `contract contracts clause lawsuit nda lease`);
  add("trivia", `capital population`);
  add("home", `garden plants furniture apartment landlord heater rent plumber`);
  add(
    "science",
    `photosynthesis physics chemistry biology quantum cell cells atom atoms dna evolution climate planet
    planets molecule molecules gravity`,
  );
  add("history", `war revolution empire dynasty medieval`);
  add("music", `guitar piano chord chords melody`);
  add("sports", `football soccer basketball tennis cricket`);
  add("math", `equation equations calculus algebra integral derivative probability theorem`);
  add("career", `resume cv salary raise promotion`);
  return d;
})();

export const LANGUAGES = set(`english spanish french german italian portuguese japanese chinese mandarin
  cantonese korean russian arabic hindi dutch polish turkish swedish norwegian danish finnish greek hebrew
  czech hungarian romanian ukrainian vietnamese thai indonesian malay tagalog swahili bengali urdu persian`);

/**
 * Tag and label names that hold the author's instructions rather than pasted material ("notes" is not
 * one: "<notes>" most often wraps pasted release or meeting notes).
 */
export const INSTRUCTION_SECTION_NAMES = set(`task tasks instructions instruction context background audience
  constraints rules requirements output_format output-format format role persona success_criteria
  success-criteria criteria goal goals steps style tone system guidelines`);

/** Buzzwords as single words (the phrase list above also has multi-word entries). */
export const BUZZ_WORDS =
  set(`expert world-class comprehensive comprehensively high-quality professional thorough detailed
  perfect flawless innovative optimized accurate quality creative engaging clean robust secure scalable maintainable
  performant production-grade enterprise-ready best-practice`);
/** Words that carry no content of their own in a request (pleasantries, hedges, padding). */
export const FILLER_WORDS =
  set(`hello thanks thank appreciate grateful sorry bother hope kind sort maybe perhaps guess
  basically really actually world-class years experience industry standards practices step`);

export const W_STOP = 1;
export const W_GENERIC = 2;
export const W_VAGUE_ADJ = 4;
export const W_VAGUE_Q = 8;
export const W_META = 16;
export const W_TASK = 32;
export const W_NON_NOUN = 64;
export const W_PRONOUN = 128;
export const W_BUZZ = 256;
export const W_FILLER = 512;

/** Every word's classes as bit flags: one map lookup instead of one per list on the hot paths. */
export const WORD_FLAGS: Map<string, number> = (() => {
  const m = new Map<string, number>();
  const add = (words: Set<string>, flag: number) => {
    for (const w of words) m.set(w, (m.get(w) ?? 0) | flag);
  };
  add(STOPWORDS, W_STOP);
  add(GENERIC_OBJECTS, W_GENERIC);
  add(VAGUE_ADJECTIVES, W_VAGUE_ADJ);
  add(VAGUE_QUANTIFIERS, W_VAGUE_Q);
  add(META_VERBS, W_META);
  add(TASK_VERBS, W_TASK);
  add(NON_NOUNS, W_NON_NOUN);
  add(PRONOUNS, W_PRONOUN);
  add(BUZZ_WORDS, W_BUZZ);
  add(FILLER_WORDS, W_FILLER);
  return m;
})();

export const DOMAIN_OF: Map<string, string> = new Map(Object.entries(DOMAINS));

/** Effusive gratitude, apology and well-wishing the phrase lists do not hold word for word. */
export const EFFUSIVE_RE =
  /\b(?:(?:so |very |really |truly )?sorry to (?:bother|trouble|disturb)|i (?:really |truly |sincerely )?hope (?:you(?:'re| are)|your day)|(?:eternally|ever so|so very|incredibly|immensely|forever|so) grateful|thank you so,? (?:so )?much|thanks so much|i (?:really |truly )?appreciate (?:you|it|your help)|you(?:'re| are) (?:truly |so |simply )?(?:wonderful|amazing|the best)|hello dear|if it'?s no trouble|from the bottom of my heart|i feel terrible|you must be (?:so )?tired)\b/g;

/** Hype words the buzzword list does not hold, one token each ("award-winning" is one token). */
export const HYPE_WORDS: ReadonlySet<string> = new Set(
  "world-class award-winning visionary best-in-class cutting-edge next-generation state-of-the-art unparalleled unmatched unrivalled unrivaled legendary genius genius-level extraordinary extraordinarily brilliant exceptional outstanding phenomenal revolutionary game-changing paradigm-shifting paradigm-defining synergistic holistic transformative groundbreaking earth-shattering top-notch elite superb masterful incredible incredibly amazing stellar hyper-intelligent value-driven best-of-breed industry-leading unbeatable flawless perfect stunning breathtaking".split(
    " ",
  ),
);
/** Only text holding one of these can hold an effusive phrase: a cheap screen before EFFUSIVE_RE. */
export const EFFUSIVE_CUES = [
  "sorry",
  "hope",
  "grateful",
  "thank",
  "appreciat",
  "wonderful",
  "amazing",
  "the best",
  "dear",
  "trouble",
  "heart",
  "terrible",
  "tired",
];
