package ledger

import (
	"fmt"

	"golang.org/x/mod/sumdb/tlog"
)

// TileHeight is the height of the tiles a ledger's hashes are stored in: a tile holds up to
// 2^8 hashes of one tree level (0, 8, 16, ...), and the seven levels above them are recomputed
// from it when needed (tlog.HashFromTile). One row a tile instead of one a hash, as Trillian
// stores subtrees, makes the ledger's share of an import small: a leaf adds 32 bytes to a
// tile, not two rows.
const TileHeight = 8

// tileWidth is the number of hashes in a full tile.
const tileWidth = 1 << TileHeight

// Tile is one tile of stored hashes: tile N of tile level L holds the hashes of tree level
// L*TileHeight with indexes N*256 to N*256+255, 32 bytes each, in order. A tile at the right
// edge of the tree holds fewer.
type Tile struct {
	L    int
	N    int64
	Data []byte
}

// TileReader reads stored tiles.
type TileReader interface {
	// ReadTile returns the data of tile n of level l, or nil when there is none.
	ReadTile(l int, n int64) ([]byte, error)
}

// TileHashes reads a ledger's stored hashes from its tiles: a tlog.HashReader for proofs,
// tree hashes and appends. It caches what it reads, keeping the newest two tiles of every level,
// which hold the right edge of the tree that appends read again and again.
type TileHashes struct {
	r     TileReader
	tiles map[[2]int64][]byte
}

// NewTileHashes returns a hash reader over the tiles r reads.
func NewTileHashes(r TileReader) *TileHashes {
	return &TileHashes{r: r, tiles: map[[2]int64][]byte{}}
}

// ReadHashes implements tlog.HashReader.
func (t *TileHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		want := tlog.TileForIndex(TileHeight, x)
		data, err := t.tile(want.L, want.N)
		if err != nil {
			return nil, err
		}
		have := want
		have.W = len(data) / tlog.HashSize
		if have.W < want.W {
			return nil, fmt.Errorf("ledger: stored hash %d is missing (tile %d/%d holds %d hashes, want %d)", x, want.L, want.N, have.W, want.W)
		}
		if out[i], err = tlog.HashFromTile(have, data, x); err != nil {
			return nil, fmt.Errorf("ledger: %w", err)
		}
	}
	return out, nil
}

func (t *TileHashes) tile(l int, n int64) ([]byte, error) {
	if data, ok := t.tiles[[2]int64{int64(l), n}]; ok {
		return data, nil
	}
	data, err := t.r.ReadTile(l, n)
	if err != nil {
		return nil, fmt.Errorf("ledger: read tile %d/%d: %w", l, n, err)
	}
	if len(data)%tlog.HashSize != 0 || len(data) > tileWidth*tlog.HashSize {
		return nil, fmt.Errorf("ledger: tile %d/%d is %d bytes, not a whole number of hashes", l, n, len(data))
	}
	if len(t.tiles) > 1024 {
		clear(t.tiles)
	}
	t.tiles[[2]int64{int64(l), n}] = data
	return data, nil
}

// put remembers a tile just written, and forgets the tile of its level before the previous
// one: the tree grows at the right, and no append reads that far back.
func (t *TileHashes) put(tile Tile) {
	t.tiles[[2]int64{int64(tile.L), tile.N}] = tile.Data
	delete(t.tiles, [2]int64{int64(tile.L), tile.N - 2})
}

// Appender computes the hashes a log stores as leaves are appended, and the tiles that hold
// them. Hashes computed since the last call of Tiles stay in memory; older ones are read from
// the stored tiles.
type Appender struct {
	N       int64 // leaves so far
	stored  int64 // leaves whose hashes are in stored tiles
	tiles   *TileHashes
	pending map[int64]tlog.Hash
}

// NewAppender starts appending to a log of n leaves whose tiles r reads.
func NewAppender(n int64, r TileReader) *Appender {
	return &Appender{N: n, stored: n, tiles: NewTileHashes(r), pending: map[int64]tlog.Hash{}}
}

// ReadHashes implements tlog.HashReader over the pending hashes and the stored tiles.
func (a *Appender) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if h, ok := a.pending[x]; ok {
			out[i] = h
			continue
		}
		hs, err := a.tiles.ReadHashes(indexes[i : i+1])
		if err != nil {
			return nil, err
		}
		out[i] = hs[0]
	}
	return out, nil
}

// Append adds a leaf and returns its index.
func (a *Appender) Append(l Leaf) (index int64, err error) {
	return a.AppendHash(l.Hash())
}

// AppendHash adds a leaf by its record hash and returns its index.
func (a *Appender) AppendHash(h tlog.Hash) (index int64, err error) {
	index = a.N
	hashes, err := tlog.StoredHashesForRecordHash(index, h, a)
	if err != nil {
		return 0, err
	}
	base := tlog.StoredHashIndex(0, index)
	for i, h := range hashes {
		a.pending[base+int64(i)] = h
	}
	a.N++
	return index, nil
}

// Tiles returns the tiles to store for the leaves appended since the last call: the tiles
// completed and the partial tiles at the right edge, which replace those stored before. Their
// hashes are then read from the tiles.
func (a *Appender) Tiles() ([]Tile, error) {
	var out []Tile
	for _, t := range tlog.NewTiles(TileHeight, a.stored, a.N) {
		data, err := tlog.ReadTileData(t, a)
		if err != nil {
			return nil, err
		}
		out = append(out, Tile{L: t.L, N: t.N, Data: data})
	}
	for _, t := range out {
		a.tiles.put(t)
	}
	a.stored = a.N
	clear(a.pending)
	return out, nil
}

// TreeSize returns the number of leaves of a log from its last tile of level 0, the tile that
// holds the newest leaf hashes: n is its number and width the count of hashes in it.
func TreeSize(n int64, width int) int64 { return n*tileWidth + int64(width) }
