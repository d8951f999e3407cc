// Package docket holds the domain of Docket, a registry of politically motivated prosecutions
// and the persecution around them: entities (persons, organisations, cases, charges,
// proceedings, events, positions, statistics), the statements that give them values, each with
// its source, and the services that store them.
//
// # Statements
//
// Every value is a [Statement]: an entity, a property, a typed value, a source and a locator,
// a status and a sensitivity. Statements are appended and never changed; a [Retraction] or a
// correction refers to them. Every committed change is one [Record] of an append-only change
// log, from which every view can be rebuilt.
//
// # Sensitivity
//
// Every read names a [Viewer], and stores return only what it may see: the public sees
// reviewed public statements, staff internal ones, and only cleared staff confidential ones.
//
// This package imports nothing but the standard library; storage and HTTP depend on it.
package docket
