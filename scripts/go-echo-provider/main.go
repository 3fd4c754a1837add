// The Go echo provider, a measuring tool for `npm run bench` (not shipped): the Go floor.
//
//	go-echo-provider [elasticpath|sendcloud] [--reattach]
//
// It serves exactly the schemas of provider/schema.json over plugin protocol 6 with grpc-go and
// Go protobuf, as a provider written in Go would, but runs no resource code and calls no API
// (provider.go), so a plan against it costs what Terraform pays for any Go provider with this
// schema. Without a name it takes the provider from its own file name
// (terraform-provider-NAME_vX.Y.Z), as Terraform launches it from a mirror. go-plugin's
// handshake and automatic mutual TLS are written here (hashicorp/go-plugin is not in Debian).
// Built and cached by build.ts beside this file.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"context"
	"goecho/plugin"
	"goecho/tfplugin6"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/health"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/protobuf/types/known/emptypb"
)

const (
	magicCookieKey   = "TF_PLUGIN_MAGIC_COOKIE"
	magicCookieValue = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"
	coreProtocol     = 1
	pluginProtocol   = 6
	sourcePrefix     = "registry.terraform.io/commerce-iac/"
	// Terraform sends whole plans of large configurations in one message.
	maxMessageBytes = 256 << 20
)

var providerNames = []string{"elasticpath", "sendcloud"}

func main() {
	name, reattach, err := parseArguments(os.Args)
	if err == nil {
		err = serve(name, reattach)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

var launcherName = regexp.MustCompile(`^terraform-provider-([a-z]+)_`)

func parseArguments(args []string) (string, bool, error) {
	name := ""
	reattach := false
	for _, arg := range args[1:] {
		if arg == "--reattach" {
			reattach = true
		} else {
			name = arg
		}
	}
	if name == "" {
		if match := launcherName.FindStringSubmatch(filepath.Base(args[0])); match != nil {
			name = match[1]
		}
	}
	for _, known := range providerNames {
		if name == known {
			return name, reattach, nil
		}
	}
	return "", false, fmt.Errorf("usage: go-echo-provider <%s> [--reattach]", strings.Join(providerNames, "|"))
}

func checkLaunchEnvironment() error {
	if os.Getenv(magicCookieKey) != magicCookieValue {
		return errors.New("this program is a Terraform provider plugin: Terraform starts it")
	}
	for _, version := range strings.Split(os.Getenv("PLUGIN_PROTOCOL_VERSIONS"), ",") {
		if strings.TrimSpace(version) == fmt.Sprint(pluginProtocol) {
			return nil
		}
	}
	return fmt.Errorf("this provider speaks plugin protocol %d only", pluginProtocol)
}

func serve(name string, reattach bool) error {
	if !reattach {
		if err := checkLaunchEnvironment(); err != nil {
			return err
		}
	}
	provider, err := newEchoProvider(name)
	if err != nil {
		return err
	}
	base := os.Getenv("PLUGIN_UNIX_SOCKET_DIR")
	if base == "" {
		base = os.TempDir()
	}
	// A private directory: in reattach mode the socket serves plain gRPC.
	socketDir, err := os.MkdirTemp(base, "tfp-")
	if err != nil {
		return err
	}
	socketPath := filepath.Join(socketDir, "plugin.sock")
	listener, err := net.Listen("unix", socketPath)
	if err != nil {
		return err
	}
	stop := func(code int) {
		os.RemoveAll(socketDir)
		os.Exit(code)
	}

	options := []grpc.ServerOption{grpc.MaxRecvMsgSize(maxMessageBytes), grpc.MaxSendMsgSize(maxMessageBytes)}
	var certificateDER []byte
	if clientCertificate := os.Getenv("PLUGIN_CLIENT_CERT"); clientCertificate != "" && !reattach {
		config, der, err := mutualTLS([]byte(clientCertificate))
		if err != nil {
			return err
		}
		certificateDER = der
		options = append(options, grpc.Creds(credentials.NewTLS(config)))
	}
	server := grpc.NewServer(options...)
	tfplugin6.RegisterProviderServer(server, provider)
	plugin.RegisterGRPCControllerServer(server, &controller{shutdown: func() {
		if !reattach {
			// Terraform waits for the process to end after Shutdown.
			go func() { time.Sleep(10 * time.Millisecond); stop(0) }()
		}
	}})
	plugin.RegisterGRPCStdioServer(server, stdio{})
	plugin.RegisterGRPCBrokerServer(server, broker{})
	healthServer := health.NewServer()
	healthServer.SetServingStatus("plugin", grpc_health_v1.HealthCheckResponse_SERVING)
	grpc_health_v1.RegisterHealthServer(server, healthServer)

	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		for received := range signals {
			// An interrupt reaches the whole process group; Terraform stops a launched provider itself.
			if received == syscall.SIGTERM || reattach {
				stop(0)
			}
		}
	}()

	if reattach {
		line, err := json.Marshal(map[string]any{sourcePrefix + name: map[string]any{
			"Protocol": "grpc", "ProtocolVersion": pluginProtocol, "Pid": os.Getpid(), "Test": true,
			"Addr": map[string]string{"Network": "unix", "String": socketPath},
		}})
		if err != nil {
			return err
		}
		fmt.Printf("%s\n", line)
	} else {
		go exitWithParent(stop)
		fmt.Print(handshakeLine(socketPath, certificateDER))
	}
	err = server.Serve(listener)
	os.RemoveAll(socketDir)
	return err
}

// handshakeLine is go-plugin's CORE-PROTOCOL|APP-PROTOCOL|NETWORK|ADDRESS|grpc|SERVER-CERT, the
// certificate in base64 without padding.
func handshakeLine(socketPath string, certificateDER []byte) string {
	return fmt.Sprintf("%d|%d|unix|%s|grpc|%s\n", coreProtocol, pluginProtocol, socketPath, base64.RawStdEncoding.EncodeToString(certificateDER))
}

// exitWithParent ends a launched provider whose Terraform is gone (nobody would call Shutdown).
func exitWithParent(stop func(int)) {
	parent := os.Getppid()
	for range time.Tick(time.Second) {
		if os.Getppid() != parent {
			stop(0)
		}
	}
}

// mutualTLS is go-plugin's AutoMTLS, server side: a one-time self-signed certificate (sent in
// the handshake line) and Terraform's certificate from PLUGIN_CLIENT_CERT as the only client CA.
func mutualTLS(clientCertificatePEM []byte) (*tls.Config, []byte, error) {
	clients := x509.NewCertPool()
	if !clients.AppendCertsFromPEM(clientCertificatePEM) {
		return nil, nil, errors.New("PLUGIN_CLIENT_CERT holds no certificate")
	}
	der, key, err := selfSignedCertificate(time.Now())
	if err != nil {
		return nil, nil, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	certificate, err := tls.X509KeyPair(
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}),
	)
	if err != nil {
		return nil, nil, err
	}
	return &tls.Config{
		Certificates: []tls.Certificate{certificate},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    clients,
		MinVersion:   tls.VersionTLS12,
	}, der, nil
}

// selfSignedCertificate: EC P-256 for "localhost", a CA usable for server and client auth, valid
// from just before now for one day (what go-plugin's own certificates carry).
func selfSignedCertificate(now time.Time) ([]byte, *ecdsa.PrivateKey, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, nil, err
	}
	publicKey := elliptic.Marshal(elliptic.P256(), key.X, key.Y)
	keyID := sha1.Sum(publicKey)
	template := &x509.Certificate{
		SerialNumber:          serial.Add(serial, big.NewInt(1)),
		Subject:               pkix.Name{Organization: []string{"commerce-iac"}, CommonName: "localhost"},
		DNSNames:              []string{"localhost"},
		NotBefore:             now.Add(-30 * time.Second),
		NotAfter:              now.Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		SubjectKeyId:          keyID[:],
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	return der, key, err
}

type controller struct {
	plugin.UnimplementedGRPCControllerServer
	shutdown func()
}

func (c *controller) Shutdown(context.Context, *plugin.Empty) (*plugin.Empty, error) {
	c.shutdown()
	return &plugin.Empty{}, nil
}

// stdio and broker: go-plugin's host opens both streams; nothing is ever sent on them.
type stdio struct {
	plugin.UnimplementedGRPCStdioServer
}

func (stdio) StreamStdio(_ *emptypb.Empty, stream plugin.GRPCStdio_StreamStdioServer) error {
	<-stream.Context().Done()
	return nil
}

type broker struct {
	plugin.UnimplementedGRPCBrokerServer
}

func (broker) StartStream(stream plugin.GRPCBroker_StartStreamServer) error {
	for {
		if _, err := stream.Recv(); err != nil {
			return nil
		}
	}
}
