package ftm

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/docketorg/docket"
)

// MaxLine caps one line of an FtM file.
const MaxLine = 4 << 20

// ReadEntities reads FtM entities, one JSON object a line; an error names the line.
func ReadEntities(r io.Reader) ([]*Entity, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxLine)
	var out []*Entity
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		if err := docket.CheckUTF8(sc.Bytes()); err != nil {
			return nil, docket.Errorf(docket.EINVALID, "line %d: %s", n, docket.ErrorMessage(err))
		}
		var e Entity
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, docket.Errorf(docket.EINVALID, "line %d: malformed FtM entity: %v", n, err)
		}
		if e.ID == "" || e.Schema == "" {
			return nil, docket.Errorf(docket.EINVALID, "line %d: an FtM entity needs an id and a schema", n)
		}
		if _, ok := schemaMap[e.Schema]; !ok {
			return nil, docket.Errorf(docket.EINVALID, "line %d: unknown or unsupported FtM schema %q (Docket reads Person, Organization, PublicBody, Company, LegalEntity, CourtCase, CourtCaseParty, Event, Position, Occupancy)", n, e.Schema)
		}
		out = append(out, &e)
	}
	if err := sc.Err(); err != nil {
		return nil, docket.Errorf(docket.EINVALID, "reading FtM entities: %v", err)
	}
	return out, nil
}

// schemaMap maps FtM schemata onto Docket's; "" marks link schemata that become statements.
var schemaMap = map[string]string{
	"Person": "Person", "Organization": "Organization", "PublicBody": "Organization", "Company": "Organization",
	"LegalEntity": "Organization", "CourtCase": "Case", "Event": "Event", "Position": "Position",
	"CourtCaseParty": "", "Occupancy": "",
}

// Records turns FtM entities into Docket records for one import: a source for the file, the
// entities, and their values as draft statements cited to that source (an outside file is a
// proposal until a person reviews it). exists reports entities already in the store, which
// links may name.
func Records(ents []*Entity, file, author string, now time.Time, exists func(id string) bool) ([]*docket.Record, error) {
	ids := docket.NewIDs(now, rand.Reader) // a large file's ids made in one millisecond must not collide
	src := &docket.Source{ID: ids.Next("src"), Title: "FollowTheMoney import: " + file, Type: "other",
		Sensitivity: docket.Internal, Author: author, CreatedAt: now}
	recs := []*docket.Record{{Kind: docket.KindSource, Source: src}}
	idOf := map[string]string{} // FtM id -> Docket id
	schemas := map[string]string{}
	for _, e := range ents {
		sc := schemaMap[e.Schema]
		if sc == "" {
			continue
		}
		id := e.ID
		if !docket.ValidID(id) {
			id = "ftm-" + docket.SHA256Hex([]byte(e.ID))[:32]
		}
		idOf[e.ID], schemas[id] = id, sc
		recs = append(recs, &docket.Record{Kind: docket.KindEntity, Entity: &docket.Entity{ID: id, Schema: sc, Sensitivity: docket.Public, Author: author, CreatedAt: now}})
	}
	ref := func(e *Entity, prop, v string) (string, error) {
		if id, ok := idOf[v]; ok {
			return id, nil
		}
		if docket.ValidID(v) && exists(v) {
			return v, nil
		}
		return "", docket.Errorf(docket.EINVALID, "FtM entity %s: %s names %q, which is neither in the file nor in the store", e.ID, prop, v)
	}
	add := func(entity, prop, value string) {
		if value = strings.TrimSpace(value); value == "" {
			return
		}
		var salt [docket.SaltSize]byte
		rand.Read(salt[:])
		recs = append(recs, &docket.Record{Kind: docket.KindStatement, Statement: &docket.Statement{
			ID: ids.Next("s"), Entity: entity, Property: prop, Value: value, Source: src.ID, Status: docket.Draft,
			Sensitivity: docket.Internal, Author: author, CreatedAt: now, Salt: hex.EncodeToString(salt[:])}})
	}
	copyProps := func(e *Entity, id string, m map[string]string) {
		froms := make([]string, 0, len(m))
		for from := range m {
			froms = append(froms, from)
		}
		sort.Strings(froms) // the same file gives the same records in the same order
		for _, from := range froms {
			for _, v := range e.Properties[from] {
				add(id, m[from], v)
			}
		}
	}
	for _, e := range ents {
		id := idOf[e.ID]
		switch e.Schema {
		case "Person":
			copyProps(e, id, map[string]string{"name": "name", "alias": "alias", "birthDate": "birthDate", "nationality": "nationality",
				"country": "country", "position": "occupation", "description": "description"})
		case "Organization", "PublicBody", "Company", "LegalEntity":
			copyProps(e, id, map[string]string{"name": "name", "alias": "alias", "country": "country", "description": "description"})
			for _, k := range e.Properties["classification"] {
				if _, ok := docket.Vocab.Term("org-kind", k); ok {
					add(id, "kind", k)
				}
			}
		case "CourtCase":
			copyProps(e, id, map[string]string{"name": "name", "caseNumber": "number", "country": "country", "summary": "summary"})
		case "Event":
			copyProps(e, id, map[string]string{"name": "name", "date": "date", "endDate": "endDate", "location": "place", "description": "description"})
			for _, t := range e.Properties["summary"] {
				if _, ok := docket.Vocab.Term("event-type", t); ok {
					add(id, "type", t)
				}
			}
			for _, pt := range [][2]string{{"involved", "participant"}, {"organizer", "perpetrator"}} {
				prop, to := pt[0], pt[1]
				for _, v := range e.Properties[prop] {
					r, err := ref(e, prop, v)
					if err != nil {
						return nil, err
					}
					add(id, to, r)
				}
			}
		case "Position":
			copyProps(e, id, map[string]string{"name": "name"})
			for _, v := range e.Properties["organization"] {
				r, err := ref(e, "organization", v)
				if err != nil {
					return nil, err
				}
				add(id, "organization", r)
			}
		case "CourtCaseParty":
			role := strings.ToLower(strings.Join(e.Properties["role"], " "))
			if !strings.Contains(role, "defendant") && !strings.Contains(role, "accused") {
				continue // Docket records a case's defendants; other parties are in its proceedings
			}
			for _, c := range e.Properties["case"] {
				cid, err := ref(e, "case", c)
				if err != nil {
					return nil, err
				}
				for _, p := range e.Properties["party"] {
					pid, err := ref(e, "party", p)
					if err != nil {
						return nil, err
					}
					add(cid, "defendant", pid)
				}
			}
		case "Occupancy":
			for _, post := range e.Properties["post"] {
				pid, err := ref(e, "post", post)
				if err != nil {
					return nil, err
				}
				for _, h := range e.Properties["holder"] {
					hid, err := ref(e, "holder", h)
					if err != nil {
						return nil, err
					}
					add(pid, "holder", hid)
				}
				for _, d := range e.Properties["startDate"] {
					add(pid, "startDate", d)
				}
				for _, d := range e.Properties["endDate"] {
					add(pid, "endDate", d)
				}
			}
		}
	}
	if len(recs) == 1 {
		return nil, fmt.Errorf("the file holds no entities")
	}
	return recs, nil
}
