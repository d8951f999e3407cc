// Builds FollowTheMoney entities with the @opensanctions/followthemoney package, as another tool
// would, and prints them as JSON lines for Docket's FtM import to read.
import ftm from "@opensanctions/followthemoney";

const model = new ftm.Model(ftm.defaultModel);
const make = (schema, id, props) => {
  const e = new ftm.Entity(model, { schema, id, properties: {} });
  for (const [k, vs] of Object.entries(props)) for (const v of vs) e.setProperty(k, v);
  return e;
};
const court = make("PublicBody", "ftm-court-taraz", { name: ["Taraz City Court"], country: ["kz"], classification: ["court"] });
const judge = make("Person", "ftm-judge-omar", { name: ["Dana Omarbekova"], alias: ["Дана Омарбекова"], country: ["kz"] });
const activist = make("Person", "ftm-activist", { name: ["Yerlan Kaliev"], birthDate: ["1985-04-02"], country: ["kz"] });
const cc = make("CourtCase", "ftm-case-kaliev", { name: ["Case of Yerlan Kaliev"], caseNumber: ["1-234/2021"], country: ["kz"] });
const party = make("CourtCaseParty", "ftm-party-1", { case: [cc.id], party: [activist.id], role: ["defendant"] });
const ev = make("Event", "ftm-event-detention", { name: ["Detention of Yerlan Kaliev"], date: ["2020-11"], summary: ["detention"], involved: [activist.id], location: ["Taraz"] });
const pos = make("Position", "ftm-position-judge", { name: ["Judge of the Taraz City Court"], organization: [court.id] });
const occ = make("Occupancy", "ftm-occ-1", { holder: [judge.id], post: [pos.id], startDate: ["2015"] });
for (const e of [court, judge, activist, cc, party, ev, pos, occ]) console.log(JSON.stringify(e.toJSON()));
