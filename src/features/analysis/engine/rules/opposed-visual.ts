// The picture subjects of the opposed-directives table, read only on prompts that describe a picture:
// black and white / vivid colour, night / midday sun, square / widescreen or vertical, photorealistic /
// stylised. A picture is often described in one sentence of commas, so these may clash within one sentence.
import type { OpposedSubject } from "./opposed-subject.js";

export const VISUAL_SUBJECTS: readonly OpposedSubject[] = [
  {
    subject: "colour",
    visual: true,
    screen:
      /black|white|monochrome|gr[ae]yscale|b&w|vibrant|saturated|colou?r|vivid|rainbow|bright|deep|neon|gradient/,
    sides: [
      {
        value: "monochrome",
        re: /\b(?:black[ -]and[ -]white|monochrome|gr[ae]yscale|b&w|black ink only|no colou?rs? at all|colou?rless)\b/g,
      },
      {
        value: "colour",
        re: /\b(?:vibrant|saturated|colou?rful|full[ -]colou?r|vivid colou?rs?|rainbow colou?rs?|rich colou?rs?|(?:bright|vivid|deep|rich|neon|electric) (?:red|orange|yellow|green|teal|blue|purple|pink|magenta|turquoise|crimson|scarlet|gold)|gradients? (?:from |of |in )?(?:red|orange|yellow|green|teal|blue|purple|pink|magenta|turquoise|crimson|scarlet|gold|amber|coral))\b/g,
        // selective colour ("everything monochrome except the glaze, a vibrant turquoise"): one element in
        // colour is the exception the monochrome rule carves out, an accent rather than a second palette
        skip: /\b(?:except|apart from|but for|save for|other than|selective colou?r|accent colou?r|colou?r accent|splash of colou?r)\b/,
      },
    ],
    message: [
      "asks for a monochrome picture in vivid colour",
      "Choose monochrome or colour (a single accent colour is a choice too: say so).",
    ],
  },
  {
    subject: "time_of_day",
    visual: true,
    screen: /night|moon|midnight|midday|noon|sun|daylight|stars|starry|blue sky|daytime/,
    sides: [
      {
        value: "night",
        re: /\b(?:at night|night(?:time)? (?:scene|shot|sky|photo)|midnight|moonlit|moonlight|under the moon|under the stars|starry (?:night|sky)|in the dark of night)\b/g,
      },
      {
        value: "day",
        re: /\b(?:midday|high noon|at noon|bright (?:midday |afternoon |morning )?sun(?:light|shine)?|broad daylight|sunny (?:afternoon|day|morning)|harsh (?:midday )?sun(?:light)?|clear blue sky|daytime)\b/g,
      },
    ],
    message: [
      "sets the scene at night and in bright daylight",
      "Pick one time of day, or describe the transition you want.",
    ],
  },
  {
    subject: "aspect",
    visual: true,
    screen: /square|1:1|16:9|9:16|widescreen|vertical|horizontal|landscape|portrait (?:format|orientation)/,
    sides: [
      { value: "square", re: /\b(?:square (?:format|image|crop|aspect)|1:1)(?![\d:])/g },
      {
        value: "wide",
        re: /(?<![\d:])(?:16:9|21:9)\b|\b(?:widescreen|horizontal (?:format|orientation)|landscape (?:format|orientation))\b/g,
      },
      {
        value: "tall",
        re: /(?<![\d:])(?:9:16|4:5)\b|\b(?:vertical (?:format|orientation)|portrait (?:format|orientation))\b/g,
      },
    ],
    message: ["asks for two different picture formats", "Choose one aspect ratio."],
  },
  {
    subject: "rendering",
    visual: true,
    screen: /real|cartoon|flat|anime|cel|pixel|watercolou?r|line drawing/,
    sides: [
      {
        value: "photoreal",
        re: /\b(?:photo-?realistic|hyper-?realistic|photorealism|realistic photo(?:graph)?|lifelike photo(?:graph)?)\b/g,
      },
      {
        value: "stylised",
        re: /\b(?:cartoon(?:ish)?|flat (?:vector|illustration|2d|colou?rs?)|anime(?: style)?|cel[- ]shaded|pixel art|watercolou?r|line drawing)\b/g,
      },
    ],
    message: [
      "asks for photorealism and a stylised drawing at once",
      "Choose one rendering style for the picture.",
    ],
  },
];

/** A prompt that describes a picture to generate: only then are the visual subjects read. */
export const VISUAL_PROMPT_RE =
  /\b(?:photo(?:graph)?|image|picture|illustration|render(?:ing)?|painting|portrait|poster|wallpaper|35 ?mm|lens|bokeh|shot on|digital art|concept art|line drawing|ink drawing|sketch|--ar|(?:logo|icon) (?:for|of|design)|vector (?:style|art|illustration|logo))\b/i;
