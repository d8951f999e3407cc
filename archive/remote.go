package archive

import (
	"context"
	"net/http/httptrace"
)

// withRemote records the address of the connection that served the final response: part of
// the chain of custody.
func withRemote(ctx context.Context, addr *string) context.Context {
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn: func(info httptrace.GotConnInfo) {
			if info.Conn != nil {
				*addr = info.Conn.RemoteAddr().String()
			}
		},
	})
}
