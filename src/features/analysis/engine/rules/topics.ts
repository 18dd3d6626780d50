// The everyday subjects people bundle into one prompt, and which of them belong together, for the
// unrelated-requests rules (PF501, PF502). Two asks that share no word may still be one job told in
// different words ("Draft my cover letter. Also, tips for the interview?": both are a job application;
// "Plan three days in Lisbon. Also recommend restaurants": a trip and its meals), so a later ask is read as
// unrelated only when both sides name a known subject and no subject on one side is a neighbour of one on
// the other. Words name a subject, not a form: "poem", "email" or "summary" can be about anything, and an
// ask whose only nouns are forms ("suggest a name", "write the invitation") takes the subject of the asks
// around it. Written by hand for PromptForge; a few common words in French, Spanish, Portuguese, German and
// Italian sit beside the English ones.

const TOPIC_WORDS: Record<string, string> = {
  code: `coding python javascript typescript java rust golang kotlin swift php ruby sql query queries regex regexes database databases api apis bug bugs function functions script scripts css html json yaml xml git github gitlab docker kubernetes linux bash shell server servers deploy deployment vitest pytest jest unit-test compile compiler loop loops array arrays class classes variable variables endpoint endpoints backend frontend repo repository cron monorepo npm pandas dataframe dataframes postgres mysql mongodb react node.js nodejs django flask algorithm snake_case camelcase debug refactor programming developer código codice`,
  spreadsheet: `excel spreadsheet spreadsheets vlookup xlookup pivot cell cells column columns sheets`,
  tech: `windows-11 windows-10 router wifi wi-fi vpn laptop laptops phone iphone android printer password passwords dns dkim spf
    windows macos mac pdf browser keyboard monitor computer pc bluetooth backup firmware fritz!box
    tp-link modem ssd usb chromebook ipad tablet gmail outlook smartphone wireguard ordinateur ordenador smart-tv tv airpods headphones alexa screenshot whatsapp icloud dropbox malware antivirus chrome firefox powerpoint scanner hdmi charger 2fa wordpress authentication two-factor google-account http https url 404 tcp udp ip-address subnet ethernet`,
  math: `percent percentage equation equations volume sphere radius diameter circumference hypotenuse celsius fahrenheit °f °c kilometres kilometers
    miles inches centimetres centimeters kilograms kilos pounds ounces triangle trapezoid trapecio algebra
    calculus integral derivative probability fraction fractions deviation variance statistics median
    multiply divide math maths mathematics geometry prime écart-type`,
  science: `photosynthesis physics chemistry biology atom atoms molecule molecules dna evolution planet planets
    moons gravity universe galaxy black-hole black-holes boiling melting quantum diffusion electron
    electrons photon climate volcano volcanoes earthquake dinosaurs acid oxygen carbon hydrogen periodic-table tides solar-system speed-of-light mitochondria enzyme bacteria ecosystem fossils rainbow thunder lightning ethanol`,
  health: `vaccine vaccines immune doctor symptom symptoms headache headaches migraine pain back-pain sleep
    insomnia vitamin vitamins allergy allergies medication medicine fever injury posture blood-pressure
    cholesterol dentist teeth skin acne anxiety therapy médico médecin arzt cough flu covid sore-throat rash blister sunburn hangover nausea diarrhoea constipation blood-test diabetes asthma ibuprofen paracetamol antibiotics prescription pregnancy pregnant meditation mindfulness snoring therapist stomach stomachs side-effects`,
  fitness: `workout workouts exercise exercises gym running marathon half-marathon strength muscle muscles
    stretching stretch cardio squat squats push-ups yoga pilates cycling swim swimming treino entrenamiento plank deadlift bench-press treadmill triathlon hiit protein 5k 10k`,
  food: `recipe recipes cook cooking bake baking bread cake cakes cookies dinner lunch breakfast meal meals egg
    eggs pasta paella crêpes crepes pancake pancakes soup sauce wine tablespoon tablespoons teaspoon teaspoons
    oven roast chicken rice vegetarian vegan gluten gluten-free flour ingredient ingredients grocery groceries
    restaurant restaurants menu calories sourdough lasagne lasagna salad steak cocktail coffee tea dessert
    recette receta receita rezept ricetta ei eier nudeln œufs huevos kochen cuire cocinar cozinhar cuocere avocado snack snacks comida cena dîner abendessen microwave frying grill bbq barbecue boil roasting pizza burger sandwich cheese chocolate cookie muffin pie curry noodles sushi tofu beans lentils potatoes carrots onion onions garlic spices butter yogurt smoothie juice beer vodka whisky kombucha marinade leftovers wok cast-iron banana mango fruit cupcakes brownies omelette dough yeast`,
  home: `tap faucet sink drain boiler heater heating dishwasher washing-machine carpet stain stains mould mold grout fridge sofa couch landlord rent apartment plumbing plumber cleaning laundry flies pests mice ceiling roof shower bathroom kitchen furniture mattress woodworking knitting crochet sewing diy heat-pump limescale radiator radiators chauffage calefacción heizung lavadora waschmaschine vacuum hoover bleach detergent ironing towels bedsheets toilet leak leaking dripping fuse lightbulb socket wallpaper tiles curtains blinds rug damp condensation insulation smoke-alarm locksmith decluttering ants cockroaches wasps bedbugs bed-bugs drains gutter gutters`,
  garden: `garden gardening plant plants tomato tomatoes soil seeds lawn roses flowers balcony compost monstera
    houseplant houseplants weeds hedge vegetables tomaten tomates basil herbs jardin jardín jardim giardino mow mower pruning prune shrub shrubs orchid orchids succulents cactus fertiliser fertilizer aphids slugs seedlings greenhouse allotment`,
  pets: `cat cats kitten kittens dog dogs puppy puppies golden-retriever retriever labrador poodle beagle terrier spaniel dachshund pet pets goldfish hamster rabbit parrot vet breed
    litter chien chiot perro gato gatto hund katze cachorro perros gatos chats chiens hunde katzen aquarium fish-tank cockatiel budgie guinea-pig tortoise litter-box leash kibble flea fleas worming neuter spay`,
  travel: `trip trips travel travelling vacation holiday holidays itinerary flight flights hotel hotels airport
    visa passport packing hike hiking luggage beach tour backpacking hostel cruise reise viaje voyage
    viaggio voo vuelo flug vacaciones vacances urlaub vacanze férias airline boarding layover jet-lag campsite camping road-trip rental-car airbnb ferry sightseeing backpack souvenirs`,
  geography: `museum museums louvre landmark landmarks capital population country countries continent river rivers mountain mountains time-zone
    timezone border`,
  history: `war wars revolution empire dynasty medieval century king queen emperor ancient pharaoh battle
    treaty colonial roman romans history ww1 ww2 wwi wwii world-war cold-war roman-empire renaissance pyramids vikings napoleon tudor tudors civil-war`,
  sports: `football soccer basketball tennis cricket rugby offside world-cup olympics league golf baseball
    hockey formula-1 tour-de-france world-cup fifa nba nfl wimbledon fußball fútbol futebol mundial fishing fly-fishing premier-league champions-league super-bowl grand-prix f1 boxing ufc skiing snowboarding surfing climbing bouldering referee`,
  games: `d&d dungeons chess board-game boardgame video-game videogame gaming puzzle crossword paladin
    pokemon minecraft video-games playstation xbox nintendo fortnite sudoku wordle scrabble monopoly catan dnd tabletop board-games poker`,
  media: `song songs playlist guitar piano chord chords album band movie movies film films novels netflix
    anime sci-fi fantasy podcast podcasts true-crime documentary tv-show sitcom spotify concert musical theatre comic comics manga audiobook audiobooks plot hamlet shakespeare jazz saxophone gig gigs`,
  language: `grammar spelling pronounce pronunciation rhyme rhymes synonym synonyms idiom idioms phrase comma
    apostrophe verb verbs tense english spanish french german italian japanese chinese portuguese dutch
    russian korean arabic translation übersetze übersetzen traduis traduire traduce traducir traduza traduzir traduci tradurre englische englisch anglais inglés inglês inglese fautes orthographe ortografía gramática grammaire rechtschreibung grammatik etymology plural preposition punctuation semicolon dialect slang rhyming`,
  finance: `tax taxes budget mortgage loan loans invest investing investment investments stocks savings ira roth
    pension rrsp compound-interest interest-rate interest-rates invoice accountant bank credit debt insurance vat crypto bitcoin imposto impuesto
    steuer mehrwertsteuer mei inflation stocks bonds impôts impuestos steuern tasse payslip isa 401k index-fund etf dividend dividends credit-score credit-card overdraft tax-return currency exchange-rate`,
  career: `resume résumé cv cover-letter interview interviews salary promotion recruiter hiring linkedin
    resignation manager boss coworker colleague career internship job-offer notice-period performance-review appraisal recruiter headhunter redundancy layoff`,
  business: `launch agenda sprint-planning standup stand-up retrospective roadmap startup investors pitch business crm pricing shop bakery café cafe b2b saas kpi okr pitch-deck revenue profit margins padaria panadería bäckerei boulangerie`,
  marketing: `marketing branding logo campaign sale sales instagram social-media seo newsletter ad ads advert google-ads tiktok facebook-post linkedin-post product-description product-descriptions`,
  events: `party parties birthday wedding anniversary celebration toast guests invitation invitations farewell
    christmas retirement graduation baby-shower fundraiser team-building cumpleaños fiesta boda geburtstag geburtstagsfeier hochzeit anniversaire fête mariage compleanno matrimonio aniversário casamento festa funeral eulogy bachelor hen-party stag-do bridal-shower housewarming reunion halloween easter thanksgiving picnic guest-list rsvp venue catering`,
  gifts: `gift gifts gift-ideas birthday-present christmas-present gift-card stocking-stuffers`,
  cars: `car cars tyre tyres tire tires honda toyota brake brakes driving mechanic tyre-pressure mpg dashboard clutch gearbox windscreen wipers electric-car tesla car-wash driving-licence driving-license`,
  admin: `contract lease nda lawsuit rights council permit personalausweis court lawyer legal id-card jury-duty residence-permit immigration citizenship divorce notary small-claims tenancy eviction`,
  education: `homework teacher teachers school exam exams revision gcse university college thesis dissertation scholarship tutoring curriculum`,
  parenting: `toddler tantrum tantrums nappy nappies diaper diapers potty teething breastfeeding newborn babysitter daycare`,
  creative: `poem poems haiku sonnet limerick limericks story stories lyrics verse tale fairy-tale bedtime`,
};

// Which subjects are one job's neighbours: a trip and its meals, a party and its gifts, a job and its pay.
const NEIGHBOURS: Array<[string, string]> = [
  ["code", "spreadsheet"],
  ["code", "tech"],
  ["code", "math"],
  ["spreadsheet", "math"],
  ["spreadsheet", "finance"],
  ["spreadsheet", "business"],
  ["math", "science"],
  ["math", "finance"],
  ["science", "health"],
  ["health", "fitness"],
  ["health", "food"],
  ["fitness", "food"],
  ["fitness", "sports"],
  ["food", "home"],
  ["food", "garden"],
  ["food", "events"],
  ["food", "travel"],
  ["food", "business"],
  ["home", "garden"],
  ["home", "pets"],
  ["home", "admin"],
  ["home", "finance"],
  ["travel", "language"],
  ["travel", "events"],
  ["travel", "admin"],
  ["travel", "fitness"],
  ["geography", "history"],
  ["history", "language"],
  ["language", "creative"],
  ["language", "career"],
  ["language", "media"],
  ["career", "finance"],
  ["career", "business"],
  ["career", "admin"],
  ["business", "finance"],
  ["business", "events"],
  ["business", "admin"],
  ["business", "creative"],
  // a shop's posts and ads sit with the shop, its events, its words and its media, not with its tax return
  ["marketing", "business"],
  ["marketing", "creative"],
  ["marketing", "events"],
  ["marketing", "media"],
  ["marketing", "language"],
  ["marketing", "career"],
  ["marketing", "spreadsheet"],
  ["marketing", "gifts"],
  ["events", "gifts"],
  ["events", "creative"],
  ["events", "media"],
  ["creative", "media"],
  ["games", "media"],
  ["games", "sports"],
  ["sports", "media"],
  ["finance", "admin"],
  ["cars", "travel"],
  ["cars", "finance"],
  ["education", "language"],
  ["education", "math"],
  ["education", "science"],
  ["education", "history"],
  ["education", "career"],
  ["education", "code"],
  ["education", "creative"],
  ["education", "parenting"],
  ["parenting", "health"],
  ["parenting", "food"],
  ["parenting", "events"],
  ["parenting", "home"],
  ["parenting", "gifts"],
  ["parenting", "creative"],
];

const TOPIC_OF: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [topic, words] of Object.entries(TOPIC_WORDS))
    for (const w of words.trim().split(/\s+/)) m.set(w.replace(/-/g, " "), topic);
  return m;
})();

const NEAR: Map<string, Set<string>> = (() => {
  const m = new Map<string, Set<string>>();
  for (const t of Object.keys(TOPIC_WORDS)) m.set(t, new Set([t]));
  for (const [a, b] of NEIGHBOURS) {
    m.get(a)!.add(b);
    m.get(b)!.add(a);
  }
  return m;
})();

const FACT_QUESTION_RE =
  /\b(?:who (?:won|painted|wrote|invented|discovered|built|composed|directed|founded|was the first)|(?:what|which) year (?:did|was|were)|when (?:did|was) (?:the )?\p{Lu})/iu;

/** "solve 3x + 7 = 22", "2x - 5 = 11": an equation to solve. */
const EQUATION_RE = /\b\d*[a-z]\s*[+\-*/^]\s*\d+\s*=\s*-?\d+\b/i;

/** "what to get my dad for his 70th", "what should I buy her": a present. */
const GIFT_QUESTION_RE = /\bwhat (?:to|should i|could i|can i|shall i) (?:get|buy|give)\b/i;

/** The subjects a text names, from its words and its two-word names ("cover letter", "black holes"). */
export function topicsOf(text: string): Set<string> {
  const out = new Set<string>();
  const words = text.toLowerCase().match(/[\p{L}\d&!._'’-]+/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.replace(/[.'’]+$/, "");
    const next = (k: number) => (i + k < words.length ? words[i + k]!.replace(/[.'’]+$/, "") : "");
    const pair = `${w} ${next(1)}`;
    const hit =
      TOPIC_OF.get(`${pair} ${next(2)}`) ||
      TOPIC_OF.get(pair) ||
      TOPIC_OF.get(w) ||
      TOPIC_OF.get(w.replace(/-/g, " "));
    if (hit) out.add(hit);
    // each part of a compound names its subject too ("Mehrwertsteuer-Rückrechnung", "cat-friendly")
    else if (w.includes("-"))
      for (const part of w.split("-")) {
        const t = TOPIC_OF.get(part);
        if (t) out.add(t);
      }
  }
  // a question of fact about the past ("who won the 1998 World Cup", "what year did the Wall fall")
  if (FACT_QUESTION_RE.test(text)) out.add("history");
  if (GIFT_QUESTION_RE.test(text)) out.add("gifts");
  if (EQUATION_RE.test(text)) out.add("math");
  return out;
}

/** True when some subject on one side is the same as, or a neighbour of, one on the other. */
export function topicsMeet(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) for (const y of b) if (NEAR.get(x)?.has(y)) return true;
  return false;
}
