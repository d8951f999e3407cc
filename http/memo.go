package http

import (
	"context"
	"sync"
)

// headMemo keeps results that hold while the change log does not move: exact (unlike the
// figure cache, which may serve a result a minute old), for what a reader expects to see
// change the moment they change it, and cheap when nothing did. Keys come from requests, so
// the memo is bounded: past maxMemo results it starts again.
type headMemo[T any] struct {
	mu   sync.Mutex
	head int64
	vals map[string]T
}

const maxMemo = 256

// get returns the result for key at head, computing it when the log has moved since it was
// kept. Two requests may compute the same result at once; both are right.
func (m *headMemo[T]) get(ctx context.Context, head int64, key string, compute func(context.Context) (T, error)) (T, error) {
	m.mu.Lock()
	if m.head != head || m.vals == nil || len(m.vals) >= maxMemo {
		m.head, m.vals = head, map[string]T{}
	}
	v, ok := m.vals[key]
	m.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := compute(ctx)
	if err != nil {
		return v, err
	}
	m.mu.Lock()
	if m.head == head {
		m.vals[key] = v
	}
	m.mu.Unlock()
	return v, nil
}
