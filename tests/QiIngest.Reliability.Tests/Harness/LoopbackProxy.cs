using System.Net;
using System.Net.Sockets;

namespace QiIngest.Reliability.Tests.Harness;

/// <summary>
/// A TCP proxy on a loopback port in front of one Azurite service. <see cref="GoDown"/> is an outage of that service:
/// open connections are reset and new ones refused, as when its endpoint stops answering; <see cref="ComeUp"/> ends it.
/// </summary>
internal sealed class LoopbackProxy : IAsyncDisposable
{
    private readonly int _upstreamPort;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private int _connections;
    private int _reset;

    private LoopbackProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Connections accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connections reset by an outage.</summary>
    public int Reset => Volatile.Read(ref _reset);

    /// <summary>Whether the service is in an outage.</summary>
    public bool IsDown { get; private set; }

    /// <summary>Starts a proxy to 127.0.0.1:<paramref name="upstreamPort"/>.</summary>
    public static LoopbackProxy Start(int upstreamPort)
    {
        var proxy = new LoopbackProxy(upstreamPort);
        proxy.ComeUp();
        return proxy;
    }

    /// <summary>The outage begins: open connections are reset, new ones refused.</summary>
    public void GoDown()
    {
        lock (_gate)
        {
            IsDown = true;
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }

            _reset += _open.Count / 2; // a client and its upstream

            _open.Clear();
        }
    }

    /// <summary>The outage ends: connections are accepted again on the same port.</summary>
    public void ComeUp()
    {
        lock (_gate)
        {
            IsDown = false;
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _ = AcceptAsync(listener);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        GoDown();
        _stopping.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return; // stopped by an outage or by disposal
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        lock (_gate)
        {
            if (IsDown)
            {
                client.Dispose();
                upstream.Dispose();
                return;
            }

            _connections++;
            _open.Add(client);
            _open.Add(upstream);
        }

        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stopping.Token);
            var down = client.GetStream();
            var up = upstream.GetStream();
            await Task.WhenAny(down.CopyToAsync(up, _stopping.Token), up.CopyToAsync(down, _stopping.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Reset by an outage, or closed by either side.
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(client);
                _open.Remove(upstream);
            }

            client.Dispose();
            upstream.Dispose();
        }
    }
}
