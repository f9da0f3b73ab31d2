"""Original demo content for Doggy Diary: authors, categories and stories.

Pure data with no Django imports. Images are described by motif and palette and drawn locally
by ``articles.demo_art``; ``<img src="demo:MOTIF">`` in a body is swapped for a drawn image.
"""

AUTHORS = [
    {
        "slug": "harriet-penhallow",
        "name": "Harriet Penhallow",
        "website": "https://harrietpenhallow.example",
        "bio": (
            "Harriet has volunteered with rescue shelters for fifteen years and writes our "
            "Rescue Stories column. She shares a narrow terraced house with two lurchers and a "
            "cat who merely tolerates them."
        ),
        "palette": ("#f2c14e", "#3b3355"),
    },
    {
        "slug": "tobias-reid",
        "name": "Tobias Reid",
        "website": "https://tobiasreid.example",
        "bio": (
            "Tobias spent a decade as a veterinary nurse before swapping the consulting room for "
            "the keyboard. He covers health, care and training, and his spaniel Juniper tests "
            "every tip before it reaches the page."
        ),
        "palette": ("#9ad1d4", "#1f4e5f"),
    },
    {
        "slug": "priya-dunmore",
        "name": "Priya Dunmore",
        "website": "https://priyadunmore.example",
        "bio": (
            "Priya is our features editor and a collector of unlikely animal friendships. When "
            "she is not chasing a story about a cat on a bus, she is walking a very opinionated "
            "terrier called Mustard."
        ),
        "palette": ("#f4a6a6", "#5a2a3c"),
    },
]

CATEGORIES = [
    {
        "slug": "rescue-stories",
        "name": "Rescue Stories",
        "description": "Second chances, long waits and the people who make happy endings happen.",
    },
    {
        "slug": "health-and-care",
        "name": "Health & Care",
        "description": "Practical, vet-checked advice for keeping cats and dogs well at every age.",
    },
    {
        "slug": "training",
        "name": "Training",
        "description": "Kind, reward-based ways to build good manners and a stronger bond.",
    },
    {
        "slug": "odd-couples",
        "name": "Odd Couples",
        "description": "Unlikely friendships between animals who, on paper, should not get along.",
    },
]

CREDIT = "Illustration: Doggy Diary"

STORIES = [
    {
        "slug": "kangaroo-and-possum-best-friends",
        "title": "Kangaroo and Possum: The Runt Kitten and the Runt Puppy Who Grew Up Together",
        "dek": (
            "They came from different litters and different species, and each was the smallest "
            "of its family. One foster carer, a lot of warm milk and a shared blanket turned them "
            "into the closest of friends."
        ),
        "author": "priya-dunmore",
        "category": "odd-couples",
        "tags": ["kittens", "puppies", "fostering", "bottle feeding", "best friends"],
        "featured": True,
        "days_ago": 2,
        "hero": {
            "motif": "dog_and_cat",
            "palette": ("#ffd9c2", "#b7d98b", "#e0a458"),
            "alt": (
                "A drawing of a golden puppy with floppy ears sitting on a grassy hill beside a "
                "smaller brown tabby kitten, with a pink heart floating above them."
            ),
            "caption": "Possum and Kangaroo, as our illustrator imagines them.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>Every litter has one. The smallest of the bunch, the one who gets pushed to the back at
feeding time and needs a little more help than the rest. Last spring, a volunteer foster carer
named Dana Whitlow found herself looking after two of them at once, and neither of them was the
same kind of animal as the other.</p>
<p>The first to arrive was a tabby kitten barely bigger than a teacup, whose mother had struggled
to feed a large litter. Because the kitten had a habit of tucking herself into the front of
Dana's hoodie and peeking out, she was named <strong>Kangaroo</strong>. A week later, a rescue
group phoned about a puppy: a scrap of a thing from a litter of nine, too weak to compete with
his brothers and sisters. He slept so deeply, and so often upside down, that he became
<strong>Possum</strong>.</p>
<h2>Two tiny patients, one kitchen table</h2>
<p>Bottle-raising a single newborn is exhausting. Raising two means feeds around the clock,
careful weighing every morning, and a notebook full of figures that only make sense at three in
the morning. Dana set up a nursery on her kitchen table with heat pads, soft towels and two
separate boxes. The separate boxes lasted about four days.</p>
<blockquote><p>I put them down side by side for a minute while I warmed the next bottle, and when
I turned round Possum had wriggled over and was using Kangaroo as a pillow. She did not seem to
mind in the slightest. After that I stopped pretending they needed their own beds.</p>
<cite>Dana Whitlow, volunteer foster carer</cite></blockquote>
<p>With their vet's blessing, the two babies began sharing a bed. Dana noticed that both of them
seemed calmer together. Kangaroo, who had been fretful and slow to feed, began finishing her
bottles. Possum, who had been almost too sleepy to eat, perked up whenever the kitten squeaked
next to him. Their weights, charted in that notebook, began to climb at last.</p>
<p>It was not all plain sailing. At three weeks old Possum picked up a stomach bug and spent two
anxious nights being fed tiny amounts every hour. Dana remembers Kangaroo refusing to settle
until the puppy was back in the bed beside her, then curling round his back like a warm scarf.
By the end of the week he was gulping his bottle again, and the notebook was back on track.</p>
<figure><img src="demo:dog_and_cat" alt="A drawing of a puppy and a kitten sitting close together
on a grassy hill under a pink heart."><figcaption>Weeks of shared feeds turned two runts into a
double act.</figcaption></figure>
<h2>Learning the rules of each other's world</h2>
<p>As they grew, the differences between them became obvious, and rather funny. Possum learned
to wag; Kangaroo learned that a wagging tail is an excellent thing to pounce on. Kangaroo
discovered the back of the sofa; Possum spent several confused days trying to follow her up
there. When the puppy started play-bowing, the kitten answered by flopping onto her side and
batting at his ears, which he seemed to accept as the feline version of the same invitation.</p>
<p>Dana kept their play sessions short and supervised, and gave each of them the things their
own species needs: a scratching post and high shelves for Kangaroo, chew toys and first lessons
in sitting for Possum. Both were introduced gently to other calm, vaccinated animals so that
neither would grow up thinking the whole world was one dog and one cat.</p>
<blockquote><p>People assume they would have fought. Honestly, the only argument they ever had was
about who got the warm spot on the rug, and Kangaroo won that every single time.</p>
<cite>Dana Whitlow, volunteer foster carer</cite></blockquote>
<h2>A friendship that came with a happy ending</h2>
<p>Fostering is meant to be temporary, and Dana always knew she would have to say goodbye. What
she had not expected was that the pair would be so attached to each other that the rescue would
decide they should stay together. After a few weeks of searching, a family with a big garden
and a lot of patience agreed to adopt them both.</p>
<p>The new owners send Dana regular updates. Possum is now considerably larger than his friend,
although nobody seems to have told Kangaroo. They still nap in a heap, still greet each other
nose to nose after any time apart, and still share the same tatty blanket that came with them
from the kitchen table.</p>
<aside class="callout"><h3>Could you foster?</h3><p>Rescues rely on volunteers to look after
young, poorly or nervous animals until they are ready for adoption. Many groups provide food,
equipment and vet care, and some train new carers in bottle feeding. All you need is space,
time and a willingness to say goodbye.</p><p><a href="https://fostering.example.org/volunteer">Find
out how fostering works in your area</a></p></aside>
<p>Dana has since taken in three more litters. None of them, she admits, has quite matched the
first two.</p>
<figure class="embed" data-provider="tiktok"><a class="embed-link"
href="https://www.tiktok.com/@doggydiarydemo/video/7300000000000000001">Watch this clip on
TikTok</a><figcaption>Nap time for Kangaroo and Possum - Music: an original sound</figcaption>
</figure>
""",
    },
    {
        "slug": "kitten-season-foster-appeal",
        "title": "Kitten Season Is Here, and Shelters Are Asking for Foster Homes",
        "dek": (
            "Spring brings a wave of newborn kittens into rescue care. Shelters say a spare room "
            "and a few weeks of your time could make the difference."
        ),
        "author": "harriet-penhallow",
        "category": "rescue-stories",
        "tags": ["kittens", "fostering", "shelters", "bottle feeding"],
        "featured": False,
        "days_ago": 0,
        "hero": {
            "motif": "cat",
            "palette": ("#cfe8f7", "#9ccc7a", "#8a8f98"),
            "alt": (
                "A drawing of a grey cat with pointed pink-lined ears and a curled tail, sitting "
                "upright on green grass under a pale blue sky."
            ),
            "caption": "Shelters expect their busiest months for kittens between April and August.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>Walk into almost any cat shelter at this time of year and you will hear it before you see
it: a chorus of thin, insistent squeaks from the nursery room. Staff call it kitten season, the
stretch of warmer months when unneutered cats have litter after litter and rescue centres fill
up faster than they can find homes.</p>
<p>This year, several shelters we spoke to said they were already close to capacity by the end
of April. Their answer is the same every spring: more foster carers.</p>
<h2>Why foster homes matter</h2>
<p>A shelter is a busy, noisy place, and very young kittens are vulnerable to infections that
spread easily between pens. In a quiet home, they can grow, be handled gently and get used to
everyday sounds such as the kettle, the vacuum cleaner and the doorbell. Kittens raised this way
tend to be confident and easier to rehome.</p>
<blockquote><p>Every kitten who goes out to a foster home frees up a pen for the next emergency.
It is the single biggest thing people can do for us in spring.</p><cite>Maureen Achebe,
cattery manager</cite></blockquote>
<h2>What fostering involves</h2>
<p>Most litters arrive with their mother, and the job is mainly to provide a calm room, food,
clean litter and plenty of gentle company. Some kittens arrive alone, and these orphans need
bottle feeding every few hours. Shelters usually match these to experienced carers, but many
offer training for newcomers who want to learn.</p>
<ul>
<li>A spare room or quiet corner that can be closed off from other pets.</li>
<li>Time at home during the day, especially for very young litters.</li>
<li>Transport for vet checks, which the shelter normally pays for.</li>
<li>A willingness to hand the kittens back when they are ready for adoption.</li>
</ul>
<p>Placements usually last between two and eight weeks. Food, litter, bedding and medical care
are generally supplied, so the main cost is time.</p>
<aside class="callout"><h3>Thinking about it?</h3><p>Contact your nearest rescue and ask about
their foster programme. Most will happily arrange a chat and a visit before you commit to
anything.</p><p><a href="https://kittenrescue.example.org/foster">Read our guide to fostering
kittens</a></p></aside>
<h2>And if you cannot foster</h2>
<p>Shelters also need kitten food, heat pads, soft blankets and people to help with the laundry.
And if you share your home with a cat, the most useful thing of all may be booking that
neutering appointment.</p>
<p>Money helps too. Caring for one orphaned kitten from the first bottle to adoption day means
milk formula, vaccinations, neutering, a microchip and many hours of staff time, and those costs
multiply quickly across dozens of litters. Several centres now offer small monthly giving
schemes, which they say help them plan for the busy months rather than scrambling to react.</p>
""",
    },
    {
        "slug": "biscuit-senior-dog-adopted",
        "title": "At Thirteen, Biscuit Finally Has a Sofa of His Own",
        "dek": (
            "The grey-muzzled terrier cross spent almost a year waiting for a home. A retired "
            "couple who wanted a quiet companion say he was worth every day of it."
        ),
        "author": "harriet-penhallow",
        "category": "rescue-stories",
        "tags": ["senior dogs", "adoption", "shelters", "fostering"],
        "featured": False,
        "days_ago": 5,
        "hero": {
            "motif": "house",
            "palette": ("#fbe3b6", "#a8c686", "#c0504d"),
            "alt": (
                "A drawing of a red wooden kennel with a dark arched doorway and a bone sign above "
                "it, with a red food bowl beside it on the grass."
            ),
            "caption": "Biscuit's new family say he has never once slept in his kennel.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>Biscuit did not make a great first impression on paper. Thirteen years old, a touch deaf,
fond of long naps and not at all interested in fetch. For eleven months, families walked past
his kennel on their way to the puppies.</p>
<p>Then Graham and Lesley Fairweather came to the shelter looking for, in Graham's words,
"a dog who would be happy to do nothing in particular with us."</p>
<h2>A long wait</h2>
<p>Biscuit had been handed in after his elderly owner moved into a care home. Staff describe him
as gentle and polite, but the noise of the kennels wore him down, and after a few months he was
moved to a foster home to give him a break. His foster carer taught him to use a ramp into the
car and reported that he snored "like a small lawnmower".</p>
<blockquote><p>Older dogs often arrive already house-trained and already knowing how to live with
people. What they need is someone to give them the chance.</p><cite>Femi Osei, rehoming
coordinator</cite></blockquote>
<h2>Settling in</h2>
<p>The Fairweathers say Biscuit took about three days to decide that their house was his. He now
has a firm routine: a short morning walk to the end of the lane, a long sleep, a slightly longer
afternoon walk to the bench by the pond, and the evening on the sofa, which he has claimed as
his own.</p>
<p>His vet has started him on a joint supplement and a softer diet for his teeth, and he is
doing well. Lesley has also learned a few simple hand signals, since Biscuit does not always
hear his name.</p>
<blockquote><p>We were told we might only have a couple of years with him. We decided that a
couple of good years was a fine thing to give a dog, and to get back from one.</p><cite>Lesley
Fairweather</cite></blockquote>
<h3>Why consider a senior dog?</h3>
<ul>
<li>Their size, energy and personality are already known.</li>
<li>Many are house-trained and used to family life.</li>
<li>They are often happy with shorter walks and calmer days.</li>
<li>Some rescues reduce adoption fees for older animals.</li>
</ul>
<p>Rehoming staff stress that older dogs still need the same careful matching as younger ones.
Some have medical needs that mean regular vet visits, and insurance can be harder to arrange,
so it is worth asking a rescue what support it offers. Many will talk adopters through a senior
dog's history in detail and stay in touch long after the adoption.</p>
<p>Biscuit's old kennel was filled again within a day. The shelter says it currently has six
dogs over the age of ten waiting for homes.</p>
""",
    },
    {
        "slug": "summer-heat-safety-checklist",
        "title": "Hot Pavements, Hot Cars: A Summer Safety Checklist for Dog Owners",
        "dek": (
            "Dogs cannot sweat the way we do, and heatstroke can develop in minutes. Here is how "
            "to keep yours cool, and what to do if something goes wrong."
        ),
        "author": "tobias-reid",
        "category": "health-and-care",
        "tags": ["summer", "safety", "senior dogs"],
        "featured": False,
        "days_ago": 8,
        "hero": {
            "motif": "ball",
            "palette": ("#ffe9a8", "#c9b16d", "#d9e85a"),
            "alt": (
                "A drawing of a large yellow-green tennis ball and a smaller darker ball resting "
                "on dry, sun-bleached grass under a hazy yellow sky."
            ),
            "caption": "Save the ball games for the cool of the early morning.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>Every summer, vets see dogs who have collapsed after a walk, a game of fetch or a short wait
in a parked car. Most of these cases are preventable. Dogs cool themselves mainly by panting,
which is far less efficient than sweating, so a day that feels merely warm to us can be
dangerous for them.</p>
<h2>Before you go out</h2>
<ul>
<li><strong>Walk early or late.</strong> Aim for the coolest parts of the day and keep walks
shorter than usual.</li>
<li><strong>Test the pavement.</strong> Press the back of your hand on the ground for seven
seconds. If it is too hot for you, it is too hot for paws.</li>
<li><strong>Carry water.</strong> A folding bowl weighs almost nothing.</li>
<li><strong>Skip the ball.</strong> Many dogs will keep chasing long after they should stop.</li>
</ul>
<h2>Dogs at higher risk</h2>
<p>Some dogs struggle more than others. Flat-faced breeds such as pugs and bulldogs, dogs
carrying extra weight, very young puppies and senior dogs all need extra care, as do dogs with
heart or breathing problems. Thick-coated breeds can suffer too, although shaving a double coat
is rarely the answer; ask a groomer about a thorough brush-out instead.</p>
<p>Sunburn is another summer risk that owners often forget. Dogs and cats with pale noses, thin
fur or pink ears can burn just as people do, and repeated burning can lead to more serious skin
problems. Keep pale pets out of the midday sun and ask your vet about a sun cream that is safe
for animals, since some human products contain ingredients that are harmful if licked.</p>
<blockquote><p>The car is the one that still catches people out. Even with a window open, the
temperature inside a parked car can become life-threatening in less time than it takes to queue
in a shop.</p><cite>Dr Anika Sorensen, veterinary surgeon</cite></blockquote>
<h2>Spotting heatstroke</h2>
<p>Watch for heavy panting that does not settle, drooling, a bright red or unusually dark tongue,
stumbling, vomiting or unusual drowsiness. If you see these signs, act straight away.</p>
<ol>
<li>Move your dog into the shade or a cool room.</li>
<li>Pour cool, not ice-cold, water over their body, and keep them in a breeze if you can.</li>
<li>Offer small amounts of water to drink.</li>
<li>Phone your vet while you are cooling them, and follow their advice.</li>
</ol>
<aside class="callout"><h3>Keep this list handy</h3><p>Save your vet's out-of-hours number in
your phone before the hot weather arrives. In an emergency, every minute spent searching for it
is a minute lost.</p><p><a href="https://petfirstaid.example.org/heat">Download a printable
heat-safety card</a></p></aside>
<h2>Cats feel the heat too</h2>
<p>Cats are usually better at finding a cool spot than dogs are, but they are not immune to
heatstroke, particularly older cats, flat-faced breeds and those with kidney or heart disease.
Make sure indoor cats have access to a shaded room with the curtains drawn, leave several bowls
of fresh water around the house, and consider a water fountain for cats who prefer running
water. Conservatories and sunny windowsills can become dangerously hot by mid-afternoon.</p>
<h3>Travelling in the heat</h3>
<p>If you must travel with a pet on a hot day, plan the journey for early morning or evening,
use sunshades on the windows, and take regular breaks with water. Never leave an animal in the
car while you pop into a service station, even for a moment.</p>
<p>A paddling pool in the shade, a frozen treat made from plain yoghurt, and a cool tiled floor
to lie on will go a long way. Above all, if in doubt, stay in.</p>
""",
    },
    {
        "slug": "marmalade-the-bus-cat",
        "title": "Meet Marmalade, the Ginger Cat Who Takes the Number 12",
        "dek": (
            "Most mornings a large orange tom boards the same bus, rides three stops and gets "
            "off outside the bakery. The drivers have given up trying to charge him a fare."
        ),
        "author": "priya-dunmore",
        "category": "odd-couples",
        "tags": ["cats", "community", "best friends"],
        "featured": False,
        "days_ago": 11,
        "hero": {
            "motif": "cat",
            "palette": ("#bfe0f2", "#8fbf74", "#e8893a"),
            "alt": (
                "A drawing of a ginger cat with amber eyes and a striped forehead sitting on "
                "green grass, its tail curled around beside it."
            ),
            "caption": "Marmalade prefers the seat nearest the driver.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>At about twenty past eight each weekday, the Number 12 pulls up at the stop on Alder Road and
a ginger cat strolls aboard. He does not hurry and he does not look at anyone. He simply hops
onto the front seat, sits upright like a seasoned commuter and waits.</p>
<p>Three stops later, outside a bakery on the high street, he hops down and disappears round the
back of the shop, where, it turns out, a tray of leftover crusts is not the only attraction.</p>
<h2>The regular passenger</h2>
<p>His name is Marmalade, and he belongs to a family who live two doors from the bus stop. They
had no idea about his commute until a neighbour sent them a photo of him gazing out of the bus
window.</p>
<blockquote><p>We thought he spent his mornings asleep in the shed. It turns out he has a better
social life than we do.</p><cite>Ruth Calloway, Marmalade's owner</cite></blockquote>
<p>Not everyone was delighted at first. Ruth admits she worried about the traffic on the high
street, and she briefly tried keeping Marmalade indoors in the mornings. He responded by sitting
by the front door and yowling until half past eight. After talking to their vet, the family
made sure his microchip details were current, checked his vaccinations were up to date, and
decided, with some nerves, to let him carry on.</p>
<p>The drivers on the route know him well. One of them, Desmond, says he always waits a few
seconds longer at Alder Road in case the cat is running late. Regular passengers have started
saving him the front seat.</p>
<h2>A friendship at the bakery</h2>
<p>The real reason for the trip appears to be Bramble, an elderly sheepdog who spends her days
on a mat by the bakery's back door. The baker, Tomasz, says the pair greet each other nose to
nose every morning, then lie in the sun together until lunchtime, when Marmalade catches the
bus home.</p>
<blockquote><p>Bramble used to be a bit lonely back there. Now she sits up and watches the road
from about eight o'clock.</p><cite>Tomasz Wierzbicki, baker</cite></blockquote>
<p>Marmalade's family have since fitted him with a collar tag giving their phone number and the
words "I know where I am going". The bus company, asked for comment, said it was happy to
welcome well-behaved passengers of all kinds, but reminded dog owners that their pets still
need to be on a lead.</p>
<figure class="embed" data-provider="instagram"><a class="embed-link"
href="https://www.instagram.com/p/DemoMarmalade1/">View this post on Instagram</a>
<figcaption>Marmalade on his morning commute - shared by a fellow passenger</figcaption>
</figure>
""",
    },
    {
        "slug": "recall-training-five-steps",
        "title": "Come Back! Five Steps to a Recall You Can Trust",
        "dek": (
            "A reliable recall keeps dogs safe and gives them more freedom. It is built slowly, "
            "with great rewards and a lot of short, fun sessions."
        ),
        "author": "tobias-reid",
        "category": "training",
        "tags": ["recall", "puppies", "training games"],
        "featured": False,
        "days_ago": 14,
        "hero": {
            "motif": "dog",
            "palette": ("#a9d8f5", "#79b85f", "#2f2a28"),
            "alt": (
                "A drawing of a black dog with floppy ears and a blue collar sitting attentively "
                "on a grassy hill under a bright blue sky."
            ),
            "caption": "Sitting nicely is good. Running back when called is better.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>Ask a group of dog owners what they would most like their dog to do better, and coming back
when called will almost always top the list. The good news is that recall can be taught to dogs
of any age. The less good news is that there are no shortcuts.</p>
<h2>1. Choose a new word</h2>
<p>If your dog has learned that their name means "carry on sniffing", pick a fresh recall cue,
such as "here" or a particular whistle. Use it only when you are confident they will respond
while you are learning.</p>
<h2>2. Start where it is easy</h2>
<p>Begin indoors, a few steps away. Say your cue once, in a cheerful voice, and reward generously
when your dog reaches you. Repeat a handful of times, then stop while it is still fun.</p>
<h2>3. Pay well</h2>
<p>Coming away from a fascinating smell is hard work, so the reward should be worth it. Small
pieces of cheese or chicken, a favourite tug toy, or a quick game of chase all work better than
a dry biscuit.</p>
<figure><img src="demo:ball" alt="A drawing of a large tennis ball and a smaller ball lying on
the grass."><figcaption>Toy-motivated dogs may prefer a quick game to a food
reward.</figcaption></figure>
<h2>4. Add distractions slowly</h2>
<p>Move to the garden, then a quiet park at a quiet time, using a long line so your dog cannot
practise ignoring you. Only increase the difficulty when your dog is responding quickly at the
current level.</p>
<blockquote><p>The most common mistake I see is calling a dog to end the fun. If coming back
always means the lead goes on and the walk is over, clever dogs stop coming back.</p><cite>Sasha
Lindqvist, dog trainer</cite></blockquote>
<h2>5. Make it a game</h2>
<p>Recall games keep practice lively. Try "puppy ping-pong", where two people take turns to call
the dog between them, or hide behind a tree and reward your dog for finding you. Puppies in
particular love these games, and early practice pays off for years.</p>
<h3>Have a back-up plan</h3>
<p>Even the best-trained dog can have an off day. If your dog is heading somewhere dangerous,
chasing them often turns it into a game. Instead, try calling once, then turning and running a
few steps in the opposite direction, or crouching down and making an interesting noise. Many
dogs cannot resist following. Practise this when nothing is at stake, so that it works on the
day you really need it.</p>
<h3>Never punish a late arrival</h3>
<p>However long it took, greet your dog warmly when they return. Telling them off only teaches
them that coming back to you is unpleasant.</p>
""",
    },
    {
        "slug": "bake-sale-re-roofs-kennels",
        "title": "Cake for Kennels: Village Bake Sale Raises Enough for a New Roof",
        "dek": (
            "What started as a few tables in a church hall turned into a weekend-long fundraiser, "
            "with dog-friendly treats, a raffle and a queue out of the door."
        ),
        "author": "harriet-penhallow",
        "category": "rescue-stories",
        "tags": ["shelters", "fundraising", "community"],
        "featured": False,
        "days_ago": 17,
        "hero": {
            "motif": "bone",
            "palette": ("#f7d9e3", "#9fc98a", "#f3ead8"),
            "alt": (
                "A drawing of a large cream-coloured cartoon bone lying on green grass beneath a "
                "soft pink sky with white clouds."
            ),
            "caption": "Dog biscuits shaped like bones were the bake sale's best sellers.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>When a winter storm tore strips of felt from the roof of the kennel block at a small rescue
centre, staff spent weeks moving dogs around buckets. The repair quote was more than the charity
could find. So the village did what villages do best: it baked.</p>
<h2>From six tables to a whole weekend</h2>
<p>The idea came from a volunteer dog walker, Imogen Hartley, who thought a modest cake stall
might raise a few hundred. Word spread. By the day of the sale, more than forty people had
signed up to bake, a local farm had donated eggs, and the church hall had been booked for the
whole weekend.</p>
<p>Alongside the lemon drizzle and the flapjacks, there was a table of dog treats made to a
recipe checked by a local vet: peanut butter biscuits with no added sugar or salt, and no
xylitol, which is toxic to dogs.</p>
<blockquote><p>We sold out of the dog biscuits by eleven on the first morning. People were buying
three bags at a time and sending photos of their dogs eating them.</p><cite>Imogen Hartley,
volunteer</cite></blockquote>
<h2>Raffle, dog show and a surprise</h2>
<p>The raffle prizes included a hamper from the butcher, a portrait session with a pet
photographer and a year's supply of poo bags, which caused a surprising amount of competition.
On the Sunday afternoon, an informal dog show on the green awarded rosettes for the waggiest
tail and the dog most like its owner.</p>
<p>The local primary school joined in, too. Pupils designed posters for the shop windows,
and one class ran a stall selling hand-painted bookmarks featuring the rescue's current dogs.
Each bookmark came with a short description of the dog in question, written by the children,
and staff report that at least two adoption enquiries came directly from them.</p>
<p>The final total was announced on Sunday evening, and it was enough to pay for the whole roof,
with some left over for new kennel bedding. A local roofing firm then offered to do the work at
cost.</p>
<blockquote><p>For a charity our size, this is enormous. It means the dogs will be warm and dry
this winter, and we owe that to our neighbours.</p><cite>Colin Mbeki, centre manager</cite>
</blockquote>
<p>The organisers are already planning another sale next spring. They say they will need more
dog biscuits.</p>
<figure class="embed" data-provider="x"><a class="embed-link"
href="https://x.com/doggydiarydemo/status/1700000000000000001">View this post on X</a>
<figcaption>The queue on Saturday morning - posted by the rescue centre</figcaption></figure>
""",
    },
    {
        "slug": "first-night-home-new-puppy",
        "title": "The First Night Home: How to Help a New Puppy Settle",
        "dek": (
            "Your puppy has just left everything they know. A little planning makes the first "
            "nights calmer for everyone, and lays the foundations for good habits."
        ),
        "author": "tobias-reid",
        "category": "training",
        "tags": ["puppies", "adoption", "socialisation", "safety"],
        "featured": False,
        "days_ago": 20,
        "hero": {
            "motif": "house",
            "palette": ("#f4b183", "#8aa86b", "#5d87b3"),
            "alt": (
                "A drawing of a blue wooden kennel with a dark doorway and a bone sign, set on a "
                "grassy hill under a warm orange evening sky."
            ),
            "caption": "A den of their own helps many puppies feel safe.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>Bringing a puppy home is thrilling for you and bewildering for them. Until this morning they
slept in a warm pile of siblings next to their mother. Tonight they are alone in a strange house
that smells of strangers. A few squeaks are normal. Here is how to keep them to a minimum.</p>
<h2>Before the big day</h2>
<ul>
<li><strong>Puppy-proof one room.</strong> Tidy away cables, shoes, houseplants and anything
you would be sad to see chewed.</li>
<li><strong>Set up a den.</strong> A crate or pen with a soft bed, a water bowl and a chew toy
gives your puppy a safe base.</li>
<li><strong>Ask for a blanket.</strong> Something that smells of the litter can be very
comforting.</li>
</ul>
<figure><img src="demo:house" alt="A drawing of a small wooden kennel with a bone sign above
its doorway."><figcaption>Whether it is a crate, a pen or a kennel, a den should always be a
happy place, never a punishment.</figcaption></figure>
<h2>The first evening</h2>
<p>Keep things quiet. It is tempting to invite everyone round to meet the puppy, but a calm
evening with the immediate family is much easier on a small dog. Offer a meal at the usual time,
take them outside to the same spot for a toilet break, and let them explore at their own
pace.</p>
<blockquote><p>Put the den beside your bed for the first week or so. Being able to hear and smell
you makes a huge difference, and you will hear when they need to go out.</p><cite>Ellen Marsh,
puppy class instructor</cite></blockquote>
<h2>Through the night</h2>
<p>Young puppies cannot hold on all night. Expect one or two trips outside in the small hours.
Keep these boring: no games, no fuss, just out, a quiet word of praise when they go, and back
to bed.</p>
<p>Many owners find that a soft toy roughly the size of a littermate, tucked into the bed,
helps their puppy settle. Keep the room dim and quiet, and try to stick to the same bedtime
routine each evening: a last trip outside, a few minutes of calm attention, and then lights
out.</p>
<p>If your puppy cries, a calm hand near the crate or a soft word is fine. Comfort does not
"spoil" a frightened baby animal; it helps them learn that their new home is safe.</p>
<h2>The weeks ahead</h2>
<p>The first few months are a precious window for socialisation. Gently introduce your puppy to
different people, sounds, surfaces and calm, vaccinated dogs, always letting them retreat if
they are unsure. Short, positive experiences now will shape a confident adult dog.</p>
""",
    },
    {
        "slug": "pepper-the-parrot-and-the-greyhound",
        "title": "Pepper the Parrot Has Taught a Retired Greyhound to Play",
        "dek": (
            "Rocket spent his racing years with little time for toys. Then he moved in with a "
            "chatty African grey who had plenty of ideas about fun."
        ),
        "author": "priya-dunmore",
        "category": "odd-couples",
        "tags": ["best friends", "adoption", "senior dogs"],
        "featured": False,
        "days_ago": 24,
        "hero": {
            "motif": "heart",
            "palette": ("#d7ecf9", "#a6cf8c", "#e05a6d"),
            "alt": (
                "A drawing of a large red heart standing on a grassy hill, surrounded by smaller "
                "pink hearts floating in a pale blue sky."
            ),
            "caption": "An unlikely pairing that their owner calls 'the best accident'.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>When Rocket, a ten-year-old former racing greyhound, was adopted last autumn, his new owner
worried about one thing above all: Pepper. Pepper is an African grey parrot, thirty-one years old
and extremely talkative, and greyhounds are, after all, bred to chase.</p>
<h2>A careful introduction</h2>
<p>Rocket's owner, Marguerite Okafor, took advice from the rehoming charity and from an avian
vet. For the first few weeks, Pepper stayed in her cage in a separate room while Rocket got used
to the sounds of the house. When they finally met, Rocket was on a lead and Pepper was in her
cage, and both were rewarded for staying calm.</p>
<blockquote><p>He looked at her, she looked at him, and then she said "good boy" in my voice.
He was so confused he just lay down.</p><cite>Marguerite Okafor, Rocket and Pepper's owner</cite>
</blockquote>
<h2>Lessons in play</h2>
<p>Like many ex-racers, Rocket did not know what to do with a toy. He ignored squeaky ducks and
walked politely round tennis balls. Pepper, meanwhile, has always enjoyed dropping things from
her perch to see what happens.</p>
<p>One afternoon, Marguerite watched as Pepper dropped a wooden block beside Rocket's bed. The
greyhound sniffed it, picked it up and trotted off with it, tail swinging. Pepper whistled. He
brought it back. It has become a daily game, always with Marguerite in the room, and Rocket now
has a basket of toys he carries around the house.</p>
<p>Pepper has also, unhelpfully, learned to whistle Rocket's recall signal. Marguerite says
the greyhound now comes running whenever the parrot calls him, then looks at her with an
expression of mild betrayal when no treat appears. She has started carrying a few in her
pocket, just in case.</p>
<h3>Safety first</h3>
<p>Marguerite is clear that the pair are never left alone together, and that Pepper's time out
of her cage happens when Rocket is in another room. Birds can be injured easily, and even a
gentle dog's mouth can carry bacteria that are dangerous to them.</p>
<blockquote><p>Friendships like this can be lovely, but they depend on a very watchful owner. The
bird's safety always has to come first.</p><cite>Dr Rhys Penrose, avian vet</cite></blockquote>
<p>Rocket, now greying around the muzzle, has settled into retirement with enthusiasm. He sleeps
for most of the day, runs two joyful laps of the park each morning, and comes to the door when
Pepper announces, in a perfect imitation of the doorbell, that somebody has arrived. Usually
nobody has.</p>
""",
    },
    {
        "slug": "dog-dental-health",
        "title": "What Your Dog's Breath Is Trying to Tell You",
        "dek": (
            "Most dogs show signs of dental disease by middle age, yet it often goes unnoticed. "
            "A vet nurse explains what to look for and how to start brushing."
        ),
        "author": "tobias-reid",
        "category": "health-and-care",
        "tags": ["dental care", "vet visits", "senior dogs"],
        "featured": False,
        "days_ago": 27,
        "hero": {
            "motif": "bone",
            "palette": ("#e3f1e8", "#9dc183", "#fff6e0"),
            "alt": (
                "A drawing of a large pale cartoon bone resting on a grassy hill beneath a "
                "mint-green sky and a yellow sun."
            ),
            "caption": "Chews can help, but they are no substitute for brushing.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>"Dog breath" is so familiar that many owners assume it is normal. It is not. A healthy mouth
should smell of very little, and a strong odour is often the first clue that plaque and tartar
are building up along the gum line.</p>
<h2>Why teeth matter</h2>
<p>Dental disease is painful, but dogs are very good at hiding pain. Many carry on eating as
usual, simply chewing on one side or swallowing their food with less crunching. Left untreated,
gum disease can loosen teeth and lead to infections that affect the whole body. Small breeds and
senior dogs are particularly prone to problems.</p>
<h3>Signs to look out for</h3>
<ul>
<li>Bad breath that does not go away.</li>
<li>Red or bleeding gums, or brown tartar on the teeth.</li>
<li>Dropping food, chewing on one side or pawing at the mouth.</li>
<li>Reluctance to play with chew toys.</li>
</ul>
<h2>Learning to brush</h2>
<p>Daily brushing is the gold standard, and most dogs will accept it if you go slowly. Use a
toothpaste made for dogs, since human toothpaste can contain ingredients that are harmful to
them.</p>
<ol>
<li>Let your dog lick a little toothpaste from your finger and reward them.</li>
<li>Gently lift a lip and touch the outside of a few teeth. Reward.</li>
<li>Introduce a soft brush or finger brush, working on a few teeth at a time.</li>
<li>Build up over a couple of weeks until you can brush the outer surfaces of all the
teeth.</li>
</ol>
<blockquote><p>Thirty seconds a day is far better than a heroic five-minute session once a
month. Make it part of the evening routine, like the last walk.</p><cite>Nadia Pereira,
registered veterinary nurse</cite></blockquote>
<h2>Chews, toys and diets</h2>
<p>Dental chews, rubber toys and special dental diets can all help slow the build-up of plaque,
and they are a useful addition for dogs who will not tolerate a brush. Choose chews that are the
right size for your dog, and always supervise chewing. Very hard items, such as antlers or
cooked bones, can break teeth and are best avoided.</p>
<h2>When to see the vet</h2>
<p>Your vet will check your dog's teeth at their annual health check and can advise if a scale
and polish under anaesthetic is needed. Once tartar has formed, brushing will not shift it, but
it will help keep the teeth clean afterwards. If you notice any of the signs above, book an
appointment rather than waiting for the next routine visit.</p>
""",
    },
    {
        "slug": "library-puppy-class",
        "title": "Shh! Puppy Class Is Now in Session at the Local Library",
        "dek": (
            "A town library has opened its doors to a weekly puppy socialisation class, and "
            "the young dogs are learning to stay calm among books, trolleys and toddlers."
        ),
        "author": "priya-dunmore",
        "category": "training",
        "tags": ["puppies", "socialisation", "community"],
        "featured": False,
        "days_ago": 31,
        "hero": {
            "motif": "paw",
            "palette": ("#fde7c8", "#a7cc86", "#6b4f3a"),
            "alt": (
                "A drawing of a large brown paw print on a pale round badge, with a trail of "
                "small paw prints crossing the grass below."
            ),
            "caption": "Small paws, big steps.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>On Thursday mornings, before the doors open to the public, the children's corner of a town
library fills with puppies. There are spaniels and shih tzus, a lanky young lurcher and a very
small dachshund called Pickle, all learning one of the most useful lessons of their lives: how
to be relaxed in a busy, unfamiliar place.</p>
<h2>Why a library?</h2>
<p>The class is run by trainer Joanne Kettering, who says she was looking for an indoor space
that offered "real-world" distractions without being overwhelming. The library, with its
squeaking book trolleys, automatic doors and echoing floors, turned out to be ideal.</p>
<blockquote><p>Puppies learn best when things are interesting but not frightening. Here they can
meet a rattling trolley from a safe distance and get a treat for looking at it calmly.</p>
<cite>Joanne Kettering, trainer</cite></blockquote>
<p>Each session lasts forty-five minutes and includes short bursts of training, quiet time on a
mat, and carefully managed introductions to volunteers of different ages. Library staff take
turns pushing trolleys and dropping books, on cue.</p>
<h3>Socialisation you can do at home</h3>
<ul>
<li>Play recordings of everyday sounds quietly while your puppy eats, slowly raising the
volume over several days.</li>
<li>Let your puppy explore different surfaces: grass, gravel, tiles, a wobbly cushion.</li>
<li>Carry a puppy who is not yet fully vaccinated to watch the world go by from your arms.</li>
<li>Always pair new experiences with treats, and let your puppy choose to move away.</li>
</ul>
<h2>Story time with a difference</h2>
<p>In the last ten minutes, a small group of children from a nearby nursery arrive to read to
the puppies. The children sit on cushions, the puppies lie on their mats, and everyone practises
being calm. Parents say it has helped some nervous children feel more confident around dogs,
too.</p>
<blockquote><p>It is the only quiet ten minutes of my week. The puppies are worn out and the
children are concentrating so hard on reading that nobody makes a sound.</p><cite>Harjit Sandhu,
librarian</cite></blockquote>
<p>Places are limited to eight puppies, all of whom must have had their first vaccinations, and
the waiting list is now several months long. The library says it hopes other branches will take
up the idea.</p>
<figure class="embed" data-provider="youtube"><a class="embed-link"
href="https://www.youtube.com/watch?v=DemoLibPup1">Watch this video on YouTube</a>
<figcaption>A Thursday morning at puppy class - filmed by the library</figcaption></figure>
""",
    },
    {
        "slug": "three-legged-collie-wins-agility-cup",
        "title": "Three Legs, One Big Heart: Rescue Collie Wins the Village Fun Agility Cup",
        "dek": (
            "Skye lost a hind leg before she was rescued. At this summer's fete she took home a "
            "trophy, a rosette and the loudest cheer of the afternoon."
        ),
        "author": "harriet-penhallow",
        "category": "rescue-stories",
        "tags": ["adoption", "summer", "fundraising", "community"],
        "featured": False,
        "days_ago": 36,
        "hero": {
            "motif": "ball",
            "palette": ("#bde3ff", "#6fb35a", "#e4572e"),
            "alt": (
                "A drawing of a large red ball with white seams and a smaller pale pink ball "
                "sitting on a bright green lawn under a clear blue sky."
            ),
            "caption": "Skye's reward of choice is a red ball, thrown low.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>The fun agility course at a village summer fete is not usually a place for high drama. There
are a few low jumps, a tunnel, some weave poles and a great deal of laughter. But this year, when
a black and white collie called Skye bounded over the finishing line with the fastest clear
round of the day, the crowd around the ring erupted.</p>
<p>Skye has three legs.</p>
<h2>A slow recovery</h2>
<p>Skye was found as a young stray with a badly injured hind leg that vets could not save.
After surgery she spent several months with a rescue, learning to balance and building
strength with gentle exercise and hydrotherapy. She was adopted two years ago by Owen and
Catrin Llewellyn, who had never owned a collie before.</p>
<blockquote><p>Within a week it was obvious she needed a job. She was herding the cat, herding the
hoover, herding us. Agility seemed like a good way to give that brain something to do.</p>
<cite>Catrin Llewellyn, Skye's owner</cite></blockquote>
<h2>Adapted, not held back</h2>
<p>With advice from their vet and a physiotherapist, the Llewellyns found a trainer who adapted
the course for her: lower jumps, no see-saw, and plenty of rest between runs. Skye trains twice
a week for short sessions, and her owners keep a close eye on her weight to protect her joints.
Dogs who have lost a leg carry more load on the other three, so fitness and a lean body matter
more than ever.</p>
<p>Her owners are clear that agility is about fun, not trophies. If Skye seems stiff or tired,
she skips a session. On her competition day she ran the course only once, with a long cool-down
walk afterwards, and spent the rest of the afternoon lying in the shade of the cake tent
accepting compliments from passing children.</p>
<h3>For the rescue, too</h3>
<p>The fete's fun agility competition charges a small entry fee, and this year the organisers
donated the money to the rescue that had cared for Skye. Together with a collection bucket that
went round the ring after her win, it raised enough to pay for several months of hydrotherapy
for another injured dog.</p>
<blockquote><p>She does not know she is different. She just knows there is a ball at the end and
everyone is clapping.</p><cite>Owen Llewellyn</cite></blockquote>
<figure class="embed" data-provider="youtube"><a class="embed-link"
href="https://www.youtube.com/watch?v=DemoSkyeRun">Watch this video on YouTube</a>
<figcaption>Skye's winning run - filmed by a spectator</figcaption></figure>
""",
    },
    {
        "slug": "puppy-health-calendar",
        "title": "Jabs, Worms and Fleas: A Plain-English Guide to Your Puppy's First Year",
        "dek": (
            "The first twelve months bring a lot of appointments. Here is what usually happens "
            "when, so you can plan ahead and ask your vet the right questions."
        ),
        "author": "tobias-reid",
        "category": "health-and-care",
        "tags": ["puppies", "vet visits", "dental care"],
        "featured": False,
        "days_ago": 42,
        "hero": {
            "motif": "heart",
            "palette": ("#fff1d6", "#b5d48f", "#7fb3d5"),
            "alt": (
                "A drawing of a big soft blue heart on a grassy hill with small hearts floating in "
                "a pale cream sky."
            ),
            "caption": "A healthy first year sets a puppy up for life.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>A puppy's first year passes in a blur of chewed socks and muddy paws, and it is easy to lose
track of what is due when. Every vet practice has its own schedule, and your puppy's needs will
depend on their breed, lifestyle and where you live, so treat this as a rough guide and a list
of things to ask about.</p>
<h2>Eight to twelve weeks</h2>
<ul>
<li><strong>First vaccinations.</strong> Most puppies have two doses a few weeks apart. Ask your
vet when it is safe to walk in public places.</li>
<li><strong>Worming and flea treatment.</strong> Your breeder or rescue should tell you what
has already been given.</li>
<li><strong>Microchip check.</strong> Make sure the chip is registered to you, with up-to-date
contact details.</li>
</ul>
<h3>A note on insurance</h3>
<p>It is worth arranging pet insurance, or setting aside a regular sum for vet bills, while your
puppy is young and healthy. Read the policy carefully: some exclude conditions that appear in
the first weeks, and cover levels vary widely. Insurance rarely pays for routine treatments such
as vaccinations and worming, so budget for those separately.</p>
<h2>Three to six months</h2>
<p>This is the time for puppy classes, regular handling and getting used to the vet's waiting
room. Many practices run free "happy visits", where puppies simply come in, step on the scales
and get a treat. Teething also begins, so offer suitable chews and start gently touching your
puppy's mouth.</p>
<figure><img src="demo:paw" alt="A drawing of a large paw print on a round badge with smaller
paw prints crossing the grass."><figcaption>Gentle handling of paws, ears and mouth makes every
future vet visit easier.</figcaption></figure>
<h2>Six to twelve months</h2>
<ul>
<li><strong>Neutering.</strong> The best timing varies, especially for larger breeds. Discuss it
with your vet rather than following a fixed date.</li>
<li><strong>Adult teeth.</strong> By around seven months, the adult teeth should be in. Check
that no baby teeth have been left behind, and make tooth brushing a daily habit.</li>
<li><strong>Diet change.</strong> Ask when to switch from puppy food to an adult diet.</li>
</ul>
<blockquote><p>The first year is when owners set the tone. A puppy who has learned that the
vet is a place of treats and gentle hands will be far easier to care for in old age.</p>
<cite>Dr Marcus Adeyemi, veterinary surgeon</cite></blockquote>
<h2>At one year</h2>
<p>Your puppy's first booster vaccination is usually due around their first birthday, along with
a full health check. It is a good moment to review weight, teeth, parasite control and
insurance.</p>
<aside class="callout"><h3>Keep a health diary</h3><p>Note down every vaccination, treatment and
weight check, with dates. It makes it much easier to answer your vet's questions, and to spot
when something has been missed.</p><p><a href="https://vetadvice.example.org/puppy-year">See a
sample puppy health diary</a></p></aside>
""",
    },
    {
        "slug": "shelter-cat-welcome-committee",
        "title": "Nutmeg, the Shelter Cat Who Greets Every Visitor at the Door",
        "dek": (
            "A tortoiseshell with a talent for charm has become the unofficial receptionist at "
            "a busy rescue centre, and she is still waiting for a home of her own."
        ),
        "author": "harriet-penhallow",
        "category": "rescue-stories",
        "tags": ["cats", "shelters", "adoption"],
        "featured": False,
        "days_ago": 50,
        "hero": {
            "motif": "paw",
            "palette": ("#e8defa", "#9fc28a", "#ffffff"),
            "alt": (
                "A drawing of a white paw print on a lilac round badge, with a trail of small paw "
                "prints on the grass beneath a lavender sky."
            ),
            "caption": "Nutmeg's paw prints can be found on most of the paperwork at reception.",
            "credit": CREDIT,
        },
        "comments_open": False,
        "body": """
<p>Visitors to one rescue centre are greeted by a receptionist who does not answer the phone,
cannot use a computer and frequently sits on the appointment book. Her name is Nutmeg, she is a
nine-year-old tortoiseshell, and she has been at the centre for five months.</p>
<h2>A cat with a job</h2>
<p>Nutmeg arrived after her owner developed an allergy. She was unhappy in a pen, pacing and
refusing food, so staff tried letting her spend the day in the small reception office. She
immediately settled on the desk and began greeting every person who came through the door with
a chirp and a head-bump.</p>
<blockquote><p>She has a gift for picking out nervous people. If someone is upset about handing
in a pet, Nutmeg will walk straight over and sit on their feet.</p><cite>Priscilla Anand,
reception volunteer</cite></blockquote>
<h2>So why is she still here?</h2>
<p>Staff believe it is partly her age and partly her colouring. Tortoiseshell and black cats are
often overlooked, and many adopters head straight for the kittens. Nutmeg also needs to be the
only pet in her home, which narrows the field further.</p>
<p>She is healthy, vaccinated and neutered. She likes sunny windowsills, chin scratches and
sitting on whatever you happen to be reading. She does not like dogs, loud music or being
picked up without warning.</p>
<p>Reception staff have started keeping a notebook of Nutmeg's habits to share with possible
adopters. It records her favourite spot, a patch of sun on the filing cabinet, and her morning
routine of inspecting every bag that comes through the door. She has also learned to recognise
the sound of the delivery van and waits by the door for the driver, who now carries cat treats
in his pocket as a matter of course.</p>
<h3>The perfect home</h3>
<ul>
<li>A calm household with no other pets.</li>
<li>Older children or adults only.</li>
<li>Someone who is home for at least part of the day and enjoys company.</li>
</ul>
<p>The centre says that adult cats like Nutmeg are often the easiest to live with, because you
know exactly what you are getting. Until the right person comes along, she will carry on
welcoming everyone else's.</p>
<p>If you think you could be Nutmeg's person, or you would simply like to meet her, the centre
runs viewing appointments every afternoon except Mondays. She will, of course, be at the door
to greet you.</p>
""",
    },
    {
        "slug": "loose-lead-walking-without-tug-of-war",
        "title": "Loose-Lead Walking Without the Tug of War",
        "dek": (
            "If every walk feels like water-skiing behind your dog, you are not alone. Patience, "
            "good timing and a few simple games can change the whole experience."
        ),
        "author": "tobias-reid",
        "category": "training",
        "tags": ["training games", "puppies", "recall"],
        "featured": False,
        "days_ago": 58,
        "hero": {
            "motif": "dog",
            "palette": ("#c8ecf2", "#86c06c", "#d4c5a9"),
            "alt": (
                "A drawing of a cream-coloured dog with darker floppy ears and a collar, sitting "
                "calmly on grass under a pale turquoise sky."
            ),
            "caption": "The goal: a dog who chooses to stay close.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>Dogs pull for a simple reason: it works. Every time a dog leans into the lead and you follow,
they learn that pulling gets them to the interesting smells faster. The trick is to make staying
near you even more rewarding than pulling ahead.</p>
<h2>Start at home</h2>
<p>Practise in the hallway or garden before you try the street. Hold a few treats, walk a couple
of steps, and reward your dog whenever they are beside you with a slack lead. Keep sessions to
a few minutes and stop while your dog is still keen.</p>
<h2>Be a tree</h2>
<p>Out on a walk, when the lead goes tight, simply stop. Stay still and quiet until your dog
turns back towards you or the lead loosens, then praise and carry on. It is slow at first, and
you may not get far, but most dogs catch on within a few walks.</p>
<blockquote><p>Think of the first weeks as training sessions that happen to be outdoors, not
walks that happen to include training. Let your dog burn off energy in other ways while you
are teaching this.</p><cite>Kwame Asante, behaviourist</cite></blockquote>
<h2>Games that help</h2>
<ul>
<li><strong>Follow me.</strong> Change direction often, rewarding your dog each time they
catch up. It teaches them to keep an eye on you.</li>
<li><strong>Treat trail.</strong> Drop treats by your foot as you walk, so the best things in
life happen beside you.</li>
<li><strong>Check-ins.</strong> Reward any moment your dog glances up at you without being
asked. These small moments also help with recall.</li>
</ul>
<p>Remember that sniffing is important to dogs. Build in "free time" on each walk, with a cue
such as "go sniff", when your dog is allowed to explore on a longer lead. Knowing that sniffing
time will come makes it easier for them to walk nicely in between.</p>
<h3>Kit that makes it easier</h3>
<p>A well-fitted harness that clips at the chest, or a lead attached at both the front and back,
can reduce pulling while you train. Avoid equipment designed to cause discomfort; it may stop
pulling in the short term but can make dogs anxious about walks.</p>
<p>Puppies, with their short attention spans, do best with very brief lessons. Adult dogs who
have pulled for years will need more time. Either way, consistency from everyone who walks the
dog is what makes it stick.</p>
""",
    },
    {
        "slug": "winter-coats-buyers-guide",
        "status": "draft",
        "title": "Do Dogs Need Winter Coats? Our Buyer's Guide",
        "dek": (
            "Thin-coated, small and older dogs can feel the cold. We look at when a coat helps "
            "and what to look for."
        ),
        "author": "tobias-reid",
        "category": "health-and-care",
        "tags": ["safety", "senior dogs"],
        "featured": False,
        "days_ago": 9,
        "hero": {
            "motif": "ball",
            "palette": ("#dfe9f3", "#e9eef2", "#3a6ea5"),
            "alt": (
                "A drawing of a blue ball and a smaller pale ball on snowy white ground under a "
                "grey-blue winter sky."
            ),
            "caption": "Draft caption: to be confirmed.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>Not every dog needs a coat in winter. Breeds with thick double coats, such as huskies and
many shepherds, are well equipped for the cold. But greyhounds, whippets, small toy breeds,
very young puppies and senior dogs can lose heat quickly, especially when wet.</p>
<h2>Signs your dog is cold</h2>
<ul>
<li>Shivering or hunching up.</li>
<li>Lifting paws off the ground.</li>
<li>Slowing down or trying to turn for home.</li>
</ul>
<h2>What to look for in a coat</h2>
<p>A good coat covers the back and chest, fastens securely without rubbing, and leaves the legs
free to move. Reflective trim is useful for dark evenings. Measure your dog from the base of the
neck to the base of the tail before you buy, and check the fit with your dog standing and
sitting.</p>
<h2>Wet weather</h2>
<p>A waterproof layer is often more useful than extra warmth. Rain soaks through thin coats and
chills a dog much faster than dry cold, so look for a lightweight shell with a soft lining for
wet walks. Towel your dog down as soon as you get home and let them rest somewhere warm while
their coat dries. Long-haired dogs may need a brush afterwards to stop mud matting into the
fur around their legs and belly.</p>
<p>Fit matters more than fashion. Avoid coats with loose straps that could catch on branches,
and take the coat off indoors so your dog does not overheat.</p>
<h3>Still to add</h3>
<p>Product round-up, photos from readers, and a section on drying dogs after wet walks. Check
prices with the shop before publishing. Dogs with arthritis may also benefit from a warm bed
away from draughts, and from shorter but more frequent walks in cold weather.</p>
<p>Older dogs with stiff joints often find the cold especially hard. A coat that keeps the back
and hips warm can make the first few minutes of a winter walk much more comfortable for them,
and some owners find their dog moves more freely as a result.</p>
<p>Remember to check paws after walks on gritted roads, since salt and de-icing chemicals can
irritate the skin between the toes. A quick rinse with lukewarm water and a towel dry is usually
enough. Ask your vet about paw balms if your dog's pads become cracked.</p>
""",
    },
    {
        "slug": "odd-couples-reader-call-out",
        "title": "Calling All Odd Couples: Send Us Your Unlikely Pet Friendships",
        "dek": (
            "Does your dog share a bed with a rabbit? Is your cat best mates with a tortoise? We "
            "want to hear about the strangest and sweetest pairings in your home."
        ),
        "author": "priya-dunmore",
        "category": "odd-couples",
        "tags": ["best friends", "cats", "kittens", "community"],
        "featured": False,
        "days_ago": -3,
        "hero": {
            "motif": "heart",
            "palette": ("#ffe0ec", "#c3dc9c", "#f28fad"),
            "alt": (
                "A drawing of a large pink heart on a grassy hill with smaller hearts drifting in "
                "a soft pink sky."
            ),
            "caption": "We will share our favourite pairings next month.",
            "credit": CREDIT,
        },
        "comments_open": True,
        "body": """
<p>Since we published the story of Kangaroo and Possum, the kitten and the puppy who were raised
side by side, our inbox has been full of readers telling us about friendships in their own homes
that nobody would have predicted. We would like to hear more.</p>
<h2>What we are looking for</h2>
<p>Any pairing that made you look twice. A cat who grooms the family dog every evening. A
lurcher who lets the hens sleep on her back. Kittens who have adopted a very patient old
retriever as their unofficial parent. The more unexpected, the better, but every story is
welcome.</p>
<ul>
<li>A short description of how the friendship began.</li>
<li>Your pets' names, ages and species.</li>
<li>One or two clear photos, taken by you.</li>
</ul>
<p>We are also keen to hear from foster carers and rescue volunteers, who often see the most
surprising friendships form between animals who arrived at the same time. If a pairing helped
a nervous animal to settle, or led to two pets being adopted together, please tell us how it
happened and what you learned along the way.</p>
<h2>A word on safety</h2>
<p>Many of the most charming animal friendships depend on careful owners. Please only send
photos taken while the animals were supervised, and never set up a situation that could put
either animal at risk just to get a picture. Prey animals such as small birds and rodents
should always be protected from cats and dogs, however friendly they seem.</p>
<blockquote><p>The best odd-couple stories are the ones that happened on their own, in their
own time, with a thoughtful person keeping an eye on things.</p><cite>Priya Dunmore, features
editor</cite></blockquote>
<aside class="callout"><h3>How to enter</h3><p>Send your story and photos through our reader
submissions page. By sending them you confirm that the photos are yours, and we will always
credit you by name if we publish.</p><p><a href="https://submissions.example.org/odd-couples">Share
your odd couple</a></p></aside>
<p>Do not worry if your photos are not professional. Some of the most memorable pictures we
receive are slightly blurry snapshots taken on a phone at the exact moment two animals decided
to share a sunbeam. Tell us what was happening just before and just after, too; the story is
often as good as the picture.</p>
<p>We will feature a selection of our favourites in a special gallery next month, and the
winning pair will be drawn by our illustrator for the cover of the website.</p>
""",
    },
]

# Editor-pinned related stories (from slug -> ordered target slugs); all targets are published.
PINNED = {
    "kangaroo-and-possum-best-friends": [
        "kitten-season-foster-appeal",
        "pepper-the-parrot-and-the-greyhound",
    ],
    "first-night-home-new-puppy": ["puppy-health-calendar"],
}

# Approved reader comments on the demo stories: (story slug, name, website, body,
# index of the comment replied to within that story's list, or None).
COMMENTS = [
    (
        "kangaroo-and-possum-best-friends",
        "Margot Ellery",
        "",
        "Our old lurcher raised a kitten in much the same way. Twelve years on, the cat "
        "still sleeps tucked against his belly every night.",
        None,
    ),
    (
        "kangaroo-and-possum-best-friends",
        "Dev Okafor",
        "https://devfosters.example",
        "Bottle feeding two runts at once is hard graft. Hats off to Dana.\n\n"
        "For anyone thinking of fostering: the night feeds end sooner than you fear.",
        None,
    ),
    (
        "kangaroo-and-possum-best-friends",
        "Margot Ellery",
        "",
        "Thank you for the encouragement, Dev. I have just filled in the form.",
        1,
    ),
]
