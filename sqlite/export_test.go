package sqlite

// ReadConns is readConns, for the tests of package sqlite_test.
const ReadConns = readConns
