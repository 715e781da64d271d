#!/usr/bin/python3
"""The PyTorch eager reference for bench_child: the paper's Table IV Fashion-MNIST architecture
written the way a PyTorch user would, with ConvTranspose2d decoders and default settings. It
starts from the state bench_child saved (the same initial weights and batches; the decoder's
Conv2d weights become ConvTranspose2d weights by flipping and transposing them), trains for the
same steps, and prints one JSON line: images per second and the loss of every step."""
import argparse
import json
import time

import torch
from torch import nn


class TableIVChild(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 16, 1), nn.Sigmoid(),
            nn.Conv2d(16, 32, 5, padding=2), nn.AvgPool2d(7, stride=2, padding=3), nn.ReLU6(),
            nn.Conv2d(32, 16, 1), nn.InstanceNorm2d(16, affine=True), nn.LeakyReLU(0.01))
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(16, 32, 1), nn.InstanceNorm2d(32, affine=True), nn.LeakyReLU(0.01),
            nn.ConvTranspose2d(32, 16, 5, padding=2), nn.Upsample(size=(28, 28), mode="nearest"), nn.ReLU6(),
            nn.ConvTranspose2d(16, 1, 1))
        self.centres = nn.Parameter(torch.zeros(5, 16 * 14 * 14))

    def forward(self, x):
        h = self.encoder(x)
        return h.flatten(1), self.decoder(h)


def load_state(model, state):
    def conv(module, prefix):
        module.weight.data.copy_(state[prefix + ".inner.weight"])
        module.bias.data.copy_(state[prefix + ".inner.bias"])

    def deconv(module, prefix):  # stride-1 transposed conv == conv with a flipped, transposed kernel
        module.weight.data.copy_(state[prefix + ".inner.weight"].flip(2, 3).transpose(0, 1))
        module.bias.data.copy_(state[prefix + ".inner.bias"])

    conv(model.encoder[0], "encoder0")
    conv(model.encoder[2], "encoder4")
    conv(model.encoder[5], "encoder8")
    conv(model.encoder[6], "encoder10")
    deconv(model.decoder[0], "decoder0")
    conv(model.decoder[1], "decoder2")
    deconv(model.decoder[3], "decoder4")
    deconv(model.decoder[6], "decoder8")
    model.centres.data.copy_(state["hypothesis.centres"])


def l2_1(reconstruction, x):
    rows = (reconstruction - x).reshape(x.shape[0], -1, x.shape[-1])
    return (rows.pow(2).sum(2) + 1e-12).sqrt().sum(1)


def dec_kl(z, centres):
    # The squared distance as DEC writes it; torch.cdist would switch to the |z|^2 + |mu|^2 - 2 z.mu
    # form on wide latents, which is a different computation that loses digits to cancellation.
    q = 1.0 / (1.0 + (z.unsqueeze(1) - centres.unsqueeze(0)).pow(2).sum(2))
    q = q / q.sum(1, keepdim=True)
    p = q.detach().pow(2) / q.detach().sum(0, keepdim=True)
    p = p / p.sum(1, keepdim=True)
    return (p * (p.clamp_min(1e-12).log() - q.clamp_min(1e-12).log())).sum(1).mean()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--state", required=True)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--float64", action="store_true", help="train in double precision")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    state = torch.load(args.state)
    data = state["data"]
    model = TableIVChild()
    if args.float64:
        model = model.double()
    load_state(model, state)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    losses = []
    for step in range(args.steps):
        if step == args.warmup:
            start = time.perf_counter()
        lr = 1e-3 * (0.01 if step >= args.steps * 3 // 4 else 0.1 if step >= args.steps // 2 else 1.0)
        for group in optimizer.param_groups:
            group["lr"] = lr
        x = data[step * 64:(step + 1) * 64]
        z, reconstruction = model(x)
        loss = l2_1(reconstruction, x).mean() + dec_kl(z, model.centres)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    seconds = time.perf_counter() - start
    print(json.dumps({"images_per_second": (args.steps - args.warmup) * 64 / seconds, "losses": losses}))


if __name__ == "__main__":
    main()
